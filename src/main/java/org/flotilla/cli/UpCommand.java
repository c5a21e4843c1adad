package org.flotilla.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import com.typesafe.config.Config;
import org.flotilla.config.ConfigSources;
import org.flotilla.config.KeyOrigins;
import org.flotilla.config.Settings;
import org.flotilla.daemon.DaemonInfo;
import org.flotilla.daemon.IdleTime;
import org.flotilla.dashboard.Dashboard;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunSecrets;
import org.flotilla.fleet.RunStatus;
import org.flotilla.fleet.StatusReader;
import org.flotilla.output.MaskedStream;
import org.flotilla.output.ProgressLine;
import org.flotilla.output.Summary;
import org.flotilla.output.Verbosity;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** `flotilla up`: launch the fleet, configure each host as it comes up, hold the fleet until `down`. */
final class UpCommand implements Subcommand {
    static final Path DEFAULT_CONFIG = Path.of("config", "flotilla.conf");

    @Override
    public String name() {
        return "up";
    }

    @Override
    public String summary() {
        return "launch a fleet, configure every host as it comes up, hold it until `down`";
    }

    @Override
    public String usage() {
        return "flotilla up [--config FILE] [--count ROLE=N]... [--hosts FILE] [--set KEY=VALUE]... [--runs-dir DIR] [--detach] [--keep-on-exit] [--no-configure] [-q|-v]";
    }

    @Override
    public String description() {
        return """
                Creates a run (runs/<run-id>/), launches every role's hosts with the configured provider
                and configures each host the moment its SSH server answers: templates rendered for it,
                resources uploaded, setup steps run. A role with `after` is configured once those roles
                are READY. Every host writes runs/<run-id>/hosts/<host>.log; the terminal shows one
                progress line and a summary naming each failed host and why.

                `up` is the fleet's daemon. In the foreground it holds the fleet after provisioning;
                Ctrl-C (or SIGTERM) terminates the fleet and exits, unless --keep-on-exit. With --detach
                it goes to the background, returns once the fleet is READY (or failed) and prints the run id.
                With provision.idle-stop set (e.g. --set provision.idle-stop=30m), the daemon tears the fleet
                down by itself once no test has run and no command has touched it for that long.
                With --no-configure it only launches and waits until every host runs with an address,
                connecting to none of them; `flotilla configure` configures them later.

                Exit code: 0 when at least provision.min-ready hosts are READY, 1 when fewer are,
                2 for bad usage or config (nothing launched).""";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("c").longOpt("config").hasArg().argName("FILE")
                .desc("the config file (default: " + DEFAULT_CONFIG + " if present)").build());
        o.addOption(Option.builder().longOpt("count").hasArg().argName("ROLE=N").desc("how many hosts of a role (repeatable)").build());
        CommonOptions.sets(o);
        CommonOptions.hostsFile(o);
        o.addOption(Option.builder().longOpt("runs-dir").hasArg().argName("DIR").desc("where runs live (default: runs-dir in config, runs)").build());
        o.addOption(Option.builder("d").longOpt("detach").desc("run the daemon in the background; return once the fleet is READY or failed").build());
        o.addOption(Option.builder().longOpt("keep-on-exit").desc("on Ctrl-C/SIGTERM, leave the hosts running (cloud and fixed hosts; local hosts always die with the daemon)").build());
        o.addOption(Option.builder().longOpt("no-configure").desc("launch and wait until every host runs; connect to none (then `flotilla configure`)").build());
        o.addOption(Option.builder().longOpt("as-daemon").hasArg().argName("RUN-ID").desc("(internal) be the detached daemon of this run").build());
        CommonOptions.output(o);
        CommonOptions.help(o);
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        Verbosity verbosity = CommonOptions.verbosity(line);
        if (line.hasOption("as-daemon")) return asDaemon(line, out);
        if (!line.getArgList().isEmpty()) throw new UsageError("unexpected arguments: " + String.join(" ", line.getArgList()));
        Settings settings = configSettings(line);
        Run run = newRun(settings, out, verbosity);
        boolean configure = !line.hasOption("no-configure");
        if (line.hasOption("detach")) return detach(settings, run, line, out, err, verbosity, configure);
        return foreground(settings, run, line.hasOption("keep-on-exit"), out, verbosity, configure);
    }

    /** The settings of --config (default config/flotilla.conf), --set and --count, checked as far as they can be before launch. */
    static Settings configSettings(CommandLine line) {
        Path config = line.hasOption("config") ? Path.of(line.getOptionValue("config"))
                : Files.isRegularFile(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null;
        Config merged = new ConfigSources(config, CommonOptions.setValues(line), CommonOptions.counts(line)).load();
        Settings settings = Settings.from(merged);
        PreLaunch.check(settings, new KeyOrigins(merged));
        return settings;
    }

    static Run newRun(Settings settings, PrintStream out, Verbosity verbosity) {
        Run run = Run.create(settings.runsDir());
        if (verbosity != Verbosity.QUIET) {
            out.println("run " + run.id() + ": " + settings.hostCount() + " hosts ("
                    + settings.roles().stream().map(r -> r.name() + " " + r.count()).collect(Collectors.joining(", "))
                    + ") on provider " + settings.provider() + "; host logs in " + run.dir().resolve("hosts"));
            if (settings.providerKind().hostsSelfDestruct()) out.println(selfDestruct(settings));
        }
        // Shown this once, whatever the verbosity: afterwards only the file holds it.
        RunSecrets secrets = new RunSecrets(run);
        List<String> names = new ArrayList<>(settings.secrets());
        if (settings.dashboard().enabled()) names.add(Dashboard.SECRET);
        secrets.create(names).forEach((name, password) -> MaskedStream.showOnce(out,
                "secret " + name + ": " + password + "  (shown once; kept in " + secrets.file(name) + ", mode 0600)"));
        return run;
    }

    /** The `down` command that finds this run: a runs-dir other than the default must be named. */
    static String down(Settings settings) {
        return settings.runsDir().equals(CommonOptions.DEFAULT_RUNS_DIR) ? "`flotilla down`" : "`flotilla down --runs-dir " + settings.runsDir() + "`";
    }

    /** What ends a held fleet besides `down`: "" unless provision.idle-stop is set. */
    static String idleStop(Settings settings) {
        Duration idle = settings.provision().idleStop();
        return idle.isZero() ? "" : "; so does " + IdleTime.of(idle) + " without a test or a command (provision.idle-stop)";
    }

    static String selfDestruct(Settings settings) {
        return settings.ec2().ttl().isZero()
                ? "self-destruct: none (ec2.ttl = 0): instances live until `flotilla down`"
                : "self-destruct: every instance powers off and terminates " + settings.ec2().ttl().toMinutes()
                + " minutes after boot (ec2.ttl), whatever happens to this machine";
    }

    private int foreground(Settings settings, Run run, boolean keepOnExit, PrintStream out, Verbosity verbosity,
                           boolean configure) throws Exception {
        try (Foreground fleet = new Foreground(settings, run, keepOnExit, out, verbosity)) {
            Outcome outcome = fleet.up(configure);
            fleet.hold();
            if (verbosity != Verbosity.QUIET) out.println("run " + run.id() + ": fleet terminated");
            return outcome.meets(fleet.required(outcome)) ? ExitCode.OK : ExitCode.HOSTS_FAILED;
        }
    }

    /** Starts the daemon as a background process of its own, follows the journal until the fleet is provisioned. */
    private int detach(Settings settings, Run run, CommandLine line, PrintStream out, PrintStream err, Verbosity verbosity,
                       boolean configure) throws Exception {
        Files.writeString(run.settingsFile(), settings.rendered());
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) command.add("/usr/bin/setsid");
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(DaemonJvm.options(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        // Log4j writes the daemon's log (log4j2.xml); its raw stdout and stderr, a crash's words included, go to daemon.out.
        Path daemonLog = run.dir().resolve("daemon.log");
        Path daemonOut = run.dir().resolve("daemon.out");
        command.add("-Dflotilla.daemon.log=" + daemonLog.toAbsolutePath());
        // A configuration given to this `up` is the daemon's too; the launcher's quick provider for
        // commands is not: the daemon writes daemon.log through log4j-core.
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("log4j") && !k.equals("log4j.provider"))
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(org.flotilla.Flotilla.class.getName());
        command.add("up");
        command.add("--as-daemon");
        command.add(run.id());
        command.add("--runs-dir");
        command.add(settings.runsDir().toString());
        if (!configure) command.add("--no-configure");
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(daemonOut.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        RunStatus status = null;
        StatusReader journal = new StatusReader(run);
        String lastLine = "";
        boolean terminal = System.console() != null;
        long lastPrinted = 0;
        boolean announced = false;
        while (true) {
            if (!announced && verbosity != Verbosity.QUIET) {
                Optional<String> dashboard = DaemonInfo.alive(run).map(DaemonInfo::dashboard);
                if (dashboard.isPresent()) {
                    out.print((terminal && !lastLine.isEmpty() ? "\r\u001b[K" : "") + Dashboard.announce(dashboard.get(), run) + "\n");
                    announced = true;
                }
            }
            if (Files.isRegularFile(run.journal())) {
                status = journal.read();
                if (status.provisioned()) break;
                String progress = progressLine(status, settings.hostCount());
                long now = System.currentTimeMillis();
                if (verbosity == Verbosity.NORMAL && !status.hosts().isEmpty() && !progress.equals(lastLine) && (terminal || now - lastPrinted > 2000)) {
                    out.print(terminal ? "\r" + progress + "\u001b[K" : progress + "\n");
                    out.flush();
                    lastLine = progress;
                    lastPrinted = now;
                }
            }
            if (!child.isAlive()) {
                if (terminal) out.println();
                err.println("flotilla: the daemon of run " + run.id() + " exited (code " + child.exitValue()
                        + ") before the fleet was provisioned; its output is in " + daemonOut + " (its log in " + daemonLog + "):");
                tail(daemonOut, 20).forEach(l -> err.println("  " + l));
                return ExitCode.HOSTS_FAILED;
            }
            Thread.sleep(100);
        }
        if (verbosity == Verbosity.NORMAL) out.print(terminal ? "\r" + progressLine(status, settings.hostCount()) + "\u001b[K\n" : progressLine(status, settings.hostCount()) + "\n");
        Map<String, String> failed = new TreeMap<>();
        status.hosts().stream().filter(h -> h.state() == HostState.FAILED).forEach(h -> failed.put(h.host().id(), h.error()));
        int done = (int) status.count(configure ? HostState.READY : HostState.BOOTING);
        Outcome outcome = new Outcome(status.hosts().size(), done, failed);
        int required = settings.provision().minReady().required(outcome.total());
        Summary.print(out, run, outcome, required, configure);
        status.report().forEach(out::println);
        out.println("run " + run.id() + " is held by its daemon (pid " + child.pid() + "); " + down(settings) + " terminates it" + idleStop(settings));
        return outcome.meets(required) ? ExitCode.OK : ExitCode.HOSTS_FAILED;
    }

    private int asDaemon(CommandLine line, PrintStream out) throws Exception {
        String id = line.getOptionValue("as-daemon");
        Run run = Run.open(CommonOptions.runsDir(line), id).orElseGet(() -> new Run(id, CommonOptions.runsDir(line).resolve(id)));
        Settings settings = Settings.load(ConfigSources.of(run.settingsFile()));
        // Signals leave cloud and fixed hosts running (they outlive this process: `down` finds them);
        // local hosts live in it and are terminated.
        try (Foreground fleet = new Foreground(settings, run, true, out, Verbosity.NORMAL)) {
            fleet.up(!line.hasOption("no-configure"));
            fleet.hold();
        }
        out.println("fleet terminated");
        return ExitCode.OK;
    }

    static String progressLine(RunStatus status, int total) {
        return ProgressLine.of(total, status::count);
    }

    private static List<String> tail(Path file, int n) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
