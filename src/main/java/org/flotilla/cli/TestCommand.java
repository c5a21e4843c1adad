package org.flotilla.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.flotilla.analysis.LogsFolder;
import org.flotilla.analysis.report.Format;
import org.flotilla.config.Settings;
import org.flotilla.config.TestPlan;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.JournalEvent.Window;
import org.flotilla.fleet.Run;
import org.flotilla.output.Verbosity;
import org.flotilla.run.RunControl;

import java.io.PrintStream;
import java.util.List;

/** `flotilla test`: the whole classic procedure in one command. */
final class TestCommand implements Subcommand {
    @Override
    public String name() {
        return "test";
    }

    @Override
    public String summary() {
        return "up, run every test in order, fetch-logs, analyze, down: the whole procedure in one go";
    }

    @Override
    public String usage() {
        return "flotilla test [--config FILE] [--count ROLE=N]... [--hosts FILE] [--set KEY=VALUE]... [--runs-dir DIR] [--keep] [-q|-v]";
    }

    @Override
    public String description() {
        return """
                Launches and configures the fleet as `up` does, then runs every test of the config in
                the order written (each of its patterns in turn), then brings every host's logs home
                into runs/<run-id>/logs/ as `fetch-logs` does, turns them into tables and a report in
                runs/<run-id>/report/ as `analyze` does, then terminates the fleet (--keep holds it
                instead, until `flotilla down`). When something fails it still fetches what it can
                and tears the fleet down. Ctrl-C terminates the fleet.
                Exit code: 0 when the fleet came up, every test passed on every host and every log was
                fetched; 1 otherwise; 2 for bad usage or config (nothing launched).""";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("c").longOpt("config").hasArg().argName("FILE")
                .desc("the config file (default: " + UpCommand.DEFAULT_CONFIG + " if present)").build());
        o.addOption(Option.builder().longOpt("count").hasArg().argName("ROLE=N").desc("how many hosts of a role (repeatable)").build());
        CommonOptions.sets(o);
        CommonOptions.hostsFile(o);
        o.addOption(Option.builder().longOpt("runs-dir").hasArg().argName("DIR").desc("where runs live (default: runs-dir in config, runs)").build());
        o.addOption(Option.builder().longOpt("keep").desc("hold the fleet at the end instead of terminating it").build());
        CommonOptions.output(o);
        CommonOptions.help(o);
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (!line.getArgList().isEmpty()) throw new UsageError("unexpected arguments: " + String.join(" ", line.getArgList()));
        Verbosity verbosity = CommonOptions.verbosity(line);
        Settings settings = UpCommand.configSettings(line);
        if (settings.tests().isEmpty()) {
            throw new UsageError("the config defines no tests (tests { NAME { roles, command, ... } }); `flotilla up` launches a fleet without them");
        }
        Run run = UpCommand.newRun(settings, out, verbosity);
        boolean ok = true;
        try (Foreground fleet = new Foreground(settings, run, false, out, verbosity)) {
            // idle-stop counts from the end of this command's own work (it matters with --keep)
            FleetDaemon.Busy testing = fleet.daemon().busy("test");
            Outcome outcome = fleet.up();
            RunControl control = fleet.daemon().run();
            try {
                if (outcome.meets(fleet.required(outcome))) {
                    for (TestPlan test : settings.tests()) {
                        if (test.start() == TestPlan.TestStart.CRON && !settings.providerKind().hostsRunCron()) {
                            out.println(test.name() + ": starts by cron, and local hosts have no cron daemon: skipped");
                            continue;
                        }
                        List<Window> windows = control.runTest(test.name(), null, List.of(), out::println);
                        ok &= windows.stream().allMatch(Window::ok);
                    }
                } else {
                    ok = false;
                    out.println("too few hosts are READY: no test is run; fetching what logs there are");
                }
                ok &= FetchLogsCommand.fetch(control, null, run.dir().resolve("logs"), out) == ExitCode.OK;
                if (java.nio.file.Files.isDirectory(run.dir().resolve("logs"))) {
                    // Logs of no kind the analyzer knows are no failure of the test: there is just no table to make.
                    LogsFolder folder = LogsFolder.of(run);
                    AnalyzeCommand.analyze(folder, folder.report(), Format.parse(AnalyzeCommand.DEFAULT_FORMATS), List.of(),
                            java.nio.file.Path.of("analysis"), out, out); // one story on one stream: its notes are not errors of the test
                }
            } finally {
                testing.close();
                if (line.hasOption("keep")) {
                    fleet.hold();
                } else {
                    ok &= fleet.down().isEmpty();
                }
            }
        }
        out.println("run " + run.id() + ": " + (ok ? "done" : "done, with failures (see above and " + run.dir().resolve("hosts") + ")"));
        return ok ? ExitCode.OK : ExitCode.HOSTS_FAILED;
    }
}
