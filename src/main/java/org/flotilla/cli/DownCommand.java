package org.flotilla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.flotilla.daemon.ControlClient;
import org.flotilla.daemon.DaemonInfo;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunLock;
import org.flotilla.fleet.RunStatus;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** `flotilla down`: terminate every host of a run. */
final class DownCommand implements Subcommand {
    @Override
    public String name() {
        return "down";
    }

    @Override
    public String summary() {
        return "terminate every host of a run and stop its daemon";
    }

    @Override
    public String usage() {
        return "flotilla down [--run ID] [--runs-dir DIR] [--set KEY=VALUE]...";
    }

    @Override
    public String description() {
        return """
                Terminates every host the run's journal names that is not TERMINATED yet, through the run's
                daemon when it lives (which then exits), otherwise directly with the provider. Fixed hosts
                are released, not stopped: Flotilla did not start them. Local hosts of a daemon that is gone
                already died with it and are marked TERMINATED. A process that daemon.json names but that
                cannot be told to be the daemon (it does not answer) is never taken for dead: nothing is
                terminated then. A second `down` while one runs waits for it and says "already terminated".
                Exit code: 0 when every host is terminated, 1 when some could not be (each is named).""";
    }

    @Override
    public Options options() {
        Options o = new Options();
        CommonOptions.runSelection(o);
        CommonOptions.sets(o);
        CommonOptions.help(o);
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        Run run = CommonOptions.run(line);
        // A second `down` waits here for the first, then finds the fleet terminated.
        try (RunLock lock = RunLock.take(run, "down")) {
            return down(run, line, lock.waited(), out, err);
        }
    }

    private int down(Run run, CommandLine line, boolean joined, PrintStream out, PrintStream err) throws Exception {
        DaemonInfo.Look daemon = DaemonInfo.look(run);
        if (daemon.state() == DaemonInfo.Look.State.UNSURE) {
            // Its hosts may be held by that process: marking them TERMINATED would lose them.
            err.println("flotilla down: run " + run.id() + "'s daemon.json names pid " + daemon.daemon().pid()
                    + ", which is running but does not answer on the control address; it may still hold the fleet,"
                    + " so nothing was terminated. If that process is not Flotilla's, remove " + run.daemonFile()
                    + "; if it is, stop it (kill " + daemon.daemon().pid() + ") and run `flotilla down` again.");
            return ExitCode.HOSTS_FAILED;
        }
        Map<String, String> failed = new TreeMap<>();
        boolean answered = false;
        if (daemon.state() == DaemonInfo.Look.State.ALIVE) {
            Optional<JsonNode> answer = askDaemon(run, daemon.daemon());
            answer.ifPresent(r -> {
                r.path("failed").fields().forEachRemaining(e -> failed.put(e.getKey(), e.getValue().asText()));
                r.path("report").forEach(l -> out.println(l.asText()));
            });
            boolean exited = awaitExit(daemon.daemon(), err);
            answered = answer.isPresent();
            if (!answered && !exited) return ExitCode.HOSTS_FAILED; // it may hold the fleet still: touch nothing
            // No answer: the daemon went away under us, torn down by another `down` or by itself.
            joined |= answer.map(r -> r.path("already").asBoolean()).orElse(true);
        }
        RunStatus status = RunStatus.read(run);
        if (status.terminated() && (joined || daemon.state() == DaemonInfo.Look.State.GONE)) {
            out.println("run " + run.id() + ": already terminated (" + status.count(HostState.TERMINATED) + " of "
                    + status.hosts().size() + " hosts)");
            return ExitCode.OK;
        }
        if (!answered) {
            var settings = CommonOptions.runSettings(run, line);
            if (!settings.providerKind().hostsOutliveProcess() && daemon.state() == DaemonInfo.Look.State.GONE) {
                out.println("the daemon of run " + run.id() + " is not running: its local hosts died with it");
            }
            try (FleetDaemon direct = FleetDaemon.attachForDown(settings, run)) {
                failed.putAll(direct.down());
                direct.provider().report().forEach(out::println);
            }
            status = RunStatus.read(run);
        }
        out.println("run " + run.id() + ": " + status.count(HostState.TERMINATED) + " of " + status.hosts().size()
                + " hosts terminated" + (failed.isEmpty() ? "" : ", " + failed.size() + " could not be:"));
        failed.forEach((h, why) -> out.println("  " + h + "  " + why));
        return failed.isEmpty() ? ExitCode.OK : ExitCode.HOSTS_FAILED;
    }

    /** The daemon's answer to `down`, or empty when it went away before answering. */
    private static Optional<JsonNode> askDaemon(Run run, DaemonInfo daemon) throws IOException, InterruptedException {
        try {
            return Optional.of(new ControlClient(daemon).call("down"));
        } catch (IOException e) {
            if (DaemonInfo.look(run).state() == DaemonInfo.Look.State.ALIVE) throw e; // it lives and refused: say why
            return Optional.empty();
        }
    }

    /** The daemon exits once it has answered; wait so that nothing of it is left when we return. */
    private static boolean awaitExit(DaemonInfo daemon, PrintStream err) {
        Optional<ProcessHandle> p = ProcessHandle.of(daemon.pid());
        if (p.isEmpty()) return true;
        try {
            p.get().onExit().get(30, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            err.println("flotilla: the daemon (pid " + daemon.pid() + ") has not exited yet");
            return false;
        }
    }
}
