package org.flotilla.cli;

import org.flotilla.run.RunControl;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.output.Summary;

import java.io.PrintStream;

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
        try (RunControl control = CommonOptions.door(run, line, "configure", err)) {
            out.println("configuring the hosts of run " + run.id() + control.via() + " ...");
            Outcome outcome = control.configure();
            int required = control.settings().provision().minReady().required(outcome.total());
            Summary.print(out, run, outcome, required);
            return outcome.meets(required) ? ExitCode.OK : ExitCode.HOSTS_FAILED;
        }
    }
}
