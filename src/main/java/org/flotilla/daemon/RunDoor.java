package org.flotilla.daemon;

import org.flotilla.config.ConfigSources;
import org.flotilla.config.Settings;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;
import org.flotilla.run.InProcessRun;
import org.flotilla.run.RunControl;
import org.flotilla.run.RunRefused;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one place a command decides how to reach a run: through its daemon when that lives, else
 * in this process from the journal — unless the hosts died with the daemon (local hosts), or a
 * process that may be the daemon does not answer, when nothing is done.
 */
public final class RunDoor {
    private RunDoor() {
    }

    /**
     * @param withSets the run's settings with this command's --set values (used when acting here)
     * @param command  the command's name, for messages ("configure", "down", ...)
     * @param notes    where notes for the user go
     */
    public static RunControl open(Run run, Supplier<Settings> withSets, boolean setsGiven, String command, Consumer<String> notes) {
        boolean down = command.equals("down");
        DaemonInfo.Look look = DaemonInfo.look(run);
        switch (look.state()) {
            case UNSURE -> throw new RunRefused("run " + run.id() + "'s daemon.json names pid " + look.daemon().pid()
                    + ", which is running but does not answer on the control address; it may still hold the fleet,"
                    + " so nothing was " + (down ? "terminated" : "done") + ". If that process is not Flotilla's, remove " + run.daemonFile()
                    + "; if it is, stop it (kill " + look.daemon().pid() + ") and run `flotilla " + command + "` again.");
            case ALIVE -> {
                if (setsGiven) notes.accept("flotilla: note: the run's daemon keeps its settings; --set is ignored");
                return new DaemonRun(run, look.daemon(), Settings.load(ConfigSources.of(run.settingsFile())));
            }
            default -> {
                Settings settings = withSets.get();
                if (!settings.providerKind().hostsOutliveProcess()) {
                    if (!down) {
                        throw new RunRefused("the daemon of run " + run.id() + " is not running, and local hosts lived inside it: "
                                + "nothing to " + command + (command.equals("push") ? " to" : "") + " (start a new run with `flotilla up`)");
                    }
                    if (!RunStatus.read(run).terminated()) notes.accept("the daemon of run " + run.id() + " is not running: its local hosts died with it");
                }
                return InProcessRun.attach(settings, run, !down);
            }
        }
    }

    /**
     * Tells the run's daemon, if it lives, that this process's command touches the fleet: not idle
     * while this process lives (provision.idle-stop).
     */
    public static void touch(Run run, String command) {
        DaemonInfo.alive(run).ifPresent(d -> new ControlClient(d).touch(command));
    }
}
