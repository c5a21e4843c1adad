package org.flotilla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.flotilla.daemon.ControlClient;
import org.flotilla.daemon.DaemonInfo;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;

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
                already died with it and are marked TERMINATED.
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
        Optional<DaemonInfo> daemon = DaemonInfo.alive(run);
        Map<String, String> failed = new TreeMap<>();
        if (daemon.isPresent()) {
            JsonNode r = new ControlClient(daemon.get()).call("down");
            r.path("failed").fields().forEachRemaining(e -> failed.put(e.getKey(), e.getValue().asText()));
            r.path("report").forEach(l -> out.println(l.asText()));
            // The daemon exits once it has answered; wait so that nothing of it is left when we return.
            ProcessHandle.of(daemon.get().pid()).ifPresent(p -> {
                try {
                    p.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    err.println("flotilla: the daemon (pid " + p.pid() + ") has not exited yet");
                }
            });
        } else {
            var settings = CommonOptions.runSettings(run, line);
            if (settings.provider().equals("local")) {
                out.println("the daemon of run " + run.id() + " is not running: its local hosts died with it");
            }
            try (FleetDaemon direct = FleetDaemon.attachForDown(settings, run)) {
                failed.putAll(direct.down());
                direct.provider().report().forEach(out::println);
            }
        }
        RunStatus status = RunStatus.read(run);
        out.println("run " + run.id() + ": " + status.count(HostState.TERMINATED) + " of " + status.hosts().size()
                + " hosts terminated" + (failed.isEmpty() ? "" : ", " + failed.size() + " could not be:"));
        failed.forEach((h, why) -> out.println("  " + h + "  " + why));
        return failed.isEmpty() ? ExitCode.OK : ExitCode.HOSTS_FAILED;
    }
}
