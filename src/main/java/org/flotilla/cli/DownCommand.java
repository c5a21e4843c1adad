package org.flotilla.cli;

import org.flotilla.run.RunControl;
import org.flotilla.run.Downed;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunLock;
import org.flotilla.fleet.RunStatus;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

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
        try (RunLock lock = RunLock.take(run, "down"); RunControl control = CommonOptions.door(run, line, "down", out)) {
            Downed downed = control.down();
            RunStatus status = RunStatus.read(run);
            if (downed.already() && status.terminated()) {
                out.println("run " + run.id() + ": already terminated (" + status.count(HostState.TERMINATED) + " of "
                        + status.hosts().size() + " hosts)");
                return ExitCode.OK;
            }
            downed.report().forEach(out::println);
            Map<String, String> failed = new TreeMap<>(downed.failures());
            out.println("run " + run.id() + ": " + status.count(HostState.TERMINATED) + " of " + status.hosts().size()
                    + " hosts terminated" + (failed.isEmpty() ? "" : ", " + failed.size() + " could not be:"));
            failed.forEach((h, why) -> out.println("  " + h + "  " + why));
            return failed.isEmpty() ? ExitCode.OK : ExitCode.HOSTS_FAILED;
        }
    }
}
