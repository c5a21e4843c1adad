package org.flotilla.cli;

import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.dashboard.Dashboard;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.output.Progress;
import org.flotilla.output.Summary;
import org.flotilla.output.Verbosity;

import java.io.PrintStream;
import java.util.Map;

/**
 * A fleet whose daemon is this process, in the foreground: Ctrl-C or SIGTERM stops launching
 * and terminates the fleet (a temporary fleet), unless it is kept and can outlive us.
 */
final class Foreground implements AutoCloseable {
    private final FleetDaemon daemon;
    private final Run run;
    private final Settings settings;
    private final PrintStream out;
    private final Verbosity verbosity;
    private final Thread onSignal;

    Foreground(Settings settings, Run run, boolean keepOnExit, PrintStream out, Verbosity verbosity) {
        this.settings = settings;
        this.run = run;
        this.out = out;
        this.verbosity = verbosity;
        this.daemon = FleetDaemon.launch(settings, run);
        onSignal = new Thread(() -> {
            if (daemon.isDown()) return;
            daemon.stop();
            if (keepOnExit && daemon.run().provider().kind().hostsOutliveProcess()) {
                out.println("\nleaving the fleet running (--keep-on-exit); `flotilla down --run " + run.id() + "` terminates it");
            } else {
                out.println("\nterminating the fleet of run " + run.id() + " ...");
                try {
                    daemon.down().failures().forEach((h, why) -> out.println("  " + h + " could not be terminated: " + why));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            daemon.close();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        daemon.serve();
        if (verbosity != Verbosity.QUIET) daemon.dashboard().ifPresent(url -> out.println(Dashboard.announce(url, run)));
    }

    FleetDaemon daemon() {
        return daemon;
    }

    /** Launches and configures the fleet with the progress line; prints the summary. */
    Outcome up() throws InterruptedException {
        return up(true);
    }

    /** As {@link #up()}; with {@code configure} false, only launches and waits until every host runs. */
    Outcome up(boolean configure) throws InterruptedException {
        Progress progress = new Progress(daemon.run().fleet(), settings.hostCount(), out, verbosity);
        daemon.run().fleet().listen(progress);
        Outcome outcome = daemon.up(configure);
        progress.draw(true);
        Summary.print(out, run, outcome, required(outcome), configure);
        daemon.run().provider().report().forEach(out::println);
        return outcome;
    }

    int required(Outcome outcome) {
        return settings.provision().minReady().required(outcome.total());
    }

    /** Holds the fleet until `flotilla down` (or a signal). */
    void hold() throws InterruptedException {
        if (verbosity != Verbosity.QUIET) {
            out.println("holding the fleet of run " + run.id() + "; Ctrl-C or " + UpCommand.down(settings) + " terminates it" + UpCommand.idleStop(settings));
        }
        daemon.awaitDown();
    }

    /** Terminates the fleet; returns the hosts that could not be, and why. */
    Map<String, String> down() throws InterruptedException {
        if (verbosity != Verbosity.QUIET) out.println("terminating the fleet of run " + run.id() + " ...");
        Map<String, String> failures = daemon.down().failures();
        failures.forEach((h, why) -> out.println("  " + h + " could not be terminated: " + why));
        return failures;
    }

    @Override
    public void close() {
        daemon.close();
        try {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running: it finds the fleet down
        }
    }
}
