package org.flotilla.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.flotilla.config.Settings;
import org.flotilla.config.TestPlan;
import org.flotilla.fleet.JournalEvent.Window;
import org.flotilla.fleet.Run;
import org.flotilla.daemon.RunDoor;
import org.flotilla.run.RunControl;
import org.flotilla.schedule.TestRunner;

import java.io.PrintStream;
import java.util.List;

/** `flotilla run TEST`: fire a test on every READY host of its roles at one instant, and wait for it. */
final class RunCommand implements Subcommand {
    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "start a test on every host of its roles at one instant, wait for it, journal its windows";
    }

    @Override
    public String usage() {
        return "flotilla run TEST [--pattern P] [--run ID] [--runs-dir DIR] [--set KEY=VALUE]...";
    }

    @Override
    public String description() {
        return """
                Runs the test TEST (config: tests.TEST) on the READY hosts of its roles. Sessions to
                every host are opened first; then, for each of the test's patterns in order (or only
                --pattern P), the command starts on all hosts at one instant and Flotilla waits for it
                (duration + grace at most: the host stops it after that). Each host's start and end
                instants (its own clock) and exit code go to the journal as a "window" event, which
                analysis cuts segments from; stdout and stderr go to the host's log. Prints the spread
                of start instants across hosts. Without TEST, lists the run's tests.
                Goes through the run's daemon when it lives (over the sessions it holds, and it counts as
                activity for provision.idle-stop); otherwise acts directly (cloud and fixed hosts).
                Exit code: 0 when every host ran it with exit code 0, 1 otherwise, 2 for bad usage.""";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("pattern").hasArg().argName("P").desc("run only this pattern of the test").build());
        CommonOptions.runSelection(o);
        CommonOptions.sets(o);
        CommonOptions.help(o);
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        Run run = CommonOptions.touchedRun(line, ("run " + String.join(" ", line.getArgList())).strip());
        Settings settings = CommonOptions.runSettings(run, line);
        List<String> args = line.getArgList();
        if (args.isEmpty()) {
            if (settings.tests().isEmpty()) {
                out.println("run " + run.id() + " has no tests (config: tests { NAME { roles, command, ... } })");
            }
            for (TestPlan t : settings.tests()) {
                out.println(t.name() + "  roles " + String.join(",", t.roles()) + ", start " + t.start().name().toLowerCase()
                        + (t.patterns().isEmpty() ? "" : ", patterns " + String.join(" ", t.patterns())) + ", duration " + t.duration().toSeconds() + "s");
            }
            return ExitCode.OK;
        }
        if (args.size() > 1) throw new UsageError("one test at a time; got " + String.join(" ", args));
        TestPlan test = settings.test(args.get(0));
        TestRunner.check(test, line.getOptionValue("pattern"), settings.providerKind());
        // --set here is for this test (its command's vars, say): it goes to the daemon too
        try (RunControl control = RunDoor.open(run, () -> settings, false, "run", err::println)) {
            List<Window> windows = control.runTest(test.name(), line.getOptionValue("pattern"), CommonOptions.setValues(line), out::println);
            return windows.stream().allMatch(Window::ok) ? ExitCode.OK : ExitCode.HOSTS_FAILED;
        }
    }
}
