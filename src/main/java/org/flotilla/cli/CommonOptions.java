package org.flotilla.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.flotilla.config.ConfigSources;
import org.flotilla.config.Settings;
import org.flotilla.daemon.RunDoor;
import org.flotilla.run.RunControl;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunSecrets;
import org.flotilla.output.Verbosity;

import java.nio.file.Path;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Options several commands share, and what they mean. */
final class CommonOptions {
    private CommonOptions() {
    }

    static void runSelection(Options o) {
        o.addOption(Option.builder().longOpt("runs-dir").hasArg().argName("DIR").desc("where runs live (default: runs)").build());
        o.addOption(Option.builder().longOpt("run").hasArg().argName("ID").desc("the run to act on (default: the latest)").build());
    }

    static void output(Options o) {
        o.addOption(Option.builder("q").longOpt("quiet").desc("print only the final summary and errors").build());
        o.addOption(Option.builder("v").longOpt("verbose").desc("print every host's state changes").build());
    }

    static void sets(Options o) {
        o.addOption(Option.builder().longOpt("set").hasArg().argName("KEY=VALUE")
                .desc("override a config key (repeatable), e.g. --set provision.configurers=16").build());
    }

    /** `--hosts FILE`, for commands that start a run. */
    static void hostsFile(Options o) {
        o.addOption(Option.builder().longOpt("hosts").hasArg().argName("FILE")
                .desc("existing hosts, one [user@]address[:port] a line (parallel-ssh's format): provider = fixed").build());
    }

    static void help(Options o) {
        o.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
    }

    static Verbosity verbosity(CommandLine line) {
        if (line.hasOption("quiet") && line.hasOption("verbose")) throw new UsageError("--quiet and --verbose exclude each other");
        if (line.hasOption("quiet")) return Verbosity.QUIET;
        return line.hasOption("verbose") ? Verbosity.VERBOSE : Verbosity.NORMAL;
    }

    static final Path DEFAULT_RUNS_DIR = Path.of("runs");

    static Path runsDir(CommandLine line) {
        return line.hasOption("runs-dir") ? Path.of(line.getOptionValue("runs-dir")) : DEFAULT_RUNS_DIR;
    }

    static List<String> setValues(CommandLine line) {
        List<String> sets = new ArrayList<>();
        String[] values = line.getOptionValues("set");
        if (values != null) sets.addAll(List.of(values));
        if (line.hasOption("runs-dir")) sets.add("runs-dir=" + line.getOptionValue("runs-dir"));
        if (line.hasOption("hosts")) {
            // A hosts file means existing hosts: the fixed provider.
            sets.add("provider=fixed");
            sets.add("fixed.hosts-file=" + com.typesafe.config.ConfigUtil.quoteString(line.getOptionValue("hosts")));
        }
        return sets;
    }

    static Map<String, Integer> counts(CommandLine line) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        String[] values = line.getOptionValues("count");
        if (values == null) return counts;
        for (String v : values) {
            int eq = v.indexOf('=');
            try {
                if (eq <= 0) throw new NumberFormatException();
                int n = Integer.parseInt(v.substring(eq + 1).trim());
                if (n < 0) throw new NumberFormatException();
                counts.put(v.substring(0, eq).trim(), n);
            } catch (NumberFormatException e) {
                throw new UsageError("--count " + v + ": expected ROLE=N with N a count, e.g. --count client=20");
            }
        }
        return counts;
    }

    /** The run a command acts on: --run ID, or the latest under --runs-dir. */
    static Run run(CommandLine line) {
        Path dir = runsDir(line);
        String id = line.getOptionValue("run");
        Run run = Run.open(dir, id).orElseThrow(() -> new UsageError(id == null
                ? "no runs under " + dir + " (start one with `flotilla up`, or give --runs-dir)"
                : "no run " + id + " under " + dir));
        new RunSecrets(run).mask(); // whatever this command prints about the run
        return run;
    }

    /**
     * The run a command acts on, as {@link #run}; its daemon, when it lives, learns that this
     * command touches the fleet, which is then not idle while the command runs (provision.idle-stop).
     */
    static Run touchedRun(CommandLine line, String command) {
        Run run = run(line);
        RunDoor.touch(run, command);
        return run;
    }

    /** The run's door for this command: its daemon when it lives, else this process (see RunDoor). */
    static RunControl door(Run run, CommandLine line, String command, PrintStream err) {
        return RunDoor.open(run, () -> runSettings(run, line), line.hasOption("set"), command, err::println);
    }

    /** The settings a run was started with, with this command's --set values on top. */
    static Settings runSettings(Run run, CommandLine line) {
        List<String> sets = new ArrayList<>();
        String[] values = line.getOptionValues("set");
        if (values != null) sets.addAll(List.of(values));
        return Settings.load(new ConfigSources(run.settingsFile(), sets, Map.of()));
    }
}
