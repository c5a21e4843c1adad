package org.flotilla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.flotilla.config.Settings;
import org.flotilla.daemon.ControlClient;
import org.flotilla.daemon.DaemonInfo;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.output.Summary;

import java.io.PrintStream;
import java.util.Optional;
import java.util.TreeMap;

/** `flotilla configure`: push the resources and setup steps again to every host of a run. */
final class ConfigureCommand implements Subcommand {
    @Override
    public String name() {
        return "configure";
    }

    @Override
    public String summary() {
        return "(re)push resources and setup steps to the hosts of a run";
    }

    @Override
    public String usage() {
        return "flotilla configure [--run ID] [--runs-dir DIR] [--set KEY=VALUE]...";
    }

    @Override
    public String description() {
        return """
                Renders and uploads every role's resources again and runs its setup steps, on every host
                of the run that is not terminated, with the run's settings (runs/<run-id>/settings.conf)
                and the files under resources/ as they are now. Roles still wait on their `after` roles.
                Host keys must match those recorded at `up` (runs/<run-id>/known_hosts): a changed key is
                refused. Goes through the run's daemon when it lives; otherwise acts directly (cloud and
                fixed hosts; local hosts die with their daemon).
                --set applies only when acting directly (the daemon keeps its settings).
                Exit code: 0 when at least provision.min-ready hosts end READY, else 1.""";
    }

    @Override
    public Options options() {
        Options o = new Options();
        CommonOptions.runSelection(o);
        CommonOptions.sets(o);
        CommonOptions.output(o);
        CommonOptions.help(o);
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        Run run = CommonOptions.touchedRun(line, "configure");
        Optional<DaemonInfo> daemon = DaemonInfo.alive(run);
        if (daemon.isPresent()) {
            if (line.hasOption("set")) err.println("flotilla: note: the run's daemon keeps its settings; --set is ignored");
            out.println("configuring the hosts of run " + run.id() + " through its daemon (pid " + daemon.get().pid() + ") ...");
            JsonNode r = new ControlClient(daemon.get()).call("configure");
            TreeMap<String, String> failed = new TreeMap<>();
            r.path("failed").fields().forEachRemaining(e -> failed.put(e.getKey(), e.getValue().asText()));
            Outcome outcome = new Outcome(r.path("total").asInt(), r.path("ready").asInt(), failed);
            int required = r.path("required").asInt();
            Summary.print(out, run, outcome, required);
            return outcome.meets(required) ? ExitCode.OK : ExitCode.HOSTS_FAILED;
        }
        Settings settings = CommonOptions.runSettings(run, line);
        if (!settings.providerKind().hostsOutliveProcess()) {
            err.println("flotilla: the daemon of run " + run.id() + " is not running, and local hosts lived inside it: "
                    + "nothing to configure (start a new run with `flotilla up`)");
            return ExitCode.HOSTS_FAILED;
        }
        try (FleetDaemon direct = FleetDaemon.attach(settings, run)) {
            Outcome outcome = direct.configure();
            int required = settings.provision().minReady().required(outcome.total());
            Summary.print(out, run, outcome, required);
            return outcome.meets(required) ? ExitCode.OK : ExitCode.HOSTS_FAILED;
        }
    }
}
