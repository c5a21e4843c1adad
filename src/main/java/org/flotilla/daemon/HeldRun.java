package org.flotilla.daemon;

import org.flotilla.config.Settings;
import org.flotilla.fleet.JournalEvent.Window;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.logs.HostLogs;
import org.flotilla.provision.HostPush;
import org.flotilla.run.Downed;
import org.flotilla.run.InProcessRun;
import org.flotilla.run.RunControl;
import org.flotilla.run.TestWatch;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The run's operations as the daemon does them for others (commands through its control address,
 * the dashboard's buttons): each keeps the fleet busy while it lasts, and `down` ends the daemon too.
 */
final class HeldRun implements RunControl {
    /** The daemon's `down`, which also ends it. */
    interface Down {
        Downed down(String reason) throws InterruptedException;
    }

    private final InProcessRun run;
    private final Activity activity;
    private final Down down;
    private volatile TestWatch watch;

    HeldRun(InProcessRun run, Activity activity, Down down) {
        this.run = run;
        this.activity = activity;
        this.down = down;
    }

    @Override
    public Run run() {
        return run.run();
    }

    @Override
    public Settings settings() {
        return run.settings();
    }

    @Override
    public String via() {
        return "";
    }

    /** Whom to tell of every test this run does (the dashboard's live figures). */
    void watchTests(TestWatch w) {
        watch = w;
    }

    @Override
    public Outcome configure() throws InterruptedException {
        return busy("configure", run::configure);
    }

    @Override
    public List<HostPush> push(List<String> roles) throws InterruptedException {
        return busy("push", () -> run.push(roles));
    }

    @Override
    public List<Window> runTest(String test, String pattern, List<String> sets, Consumer<String> say) throws InterruptedException {
        return busy("run " + test, () -> {
            TestWatch w = watch;
            if (w == null) return run.runTest(test, pattern, sets, say);
            w.starting(run.settings().test(test), pattern);
            try {
                return run.runTest(test, pattern, sets, say);
            } finally {
                w.ended();
            }
        });
    }

    @Override
    public List<HostLogs> fetchLogs(Set<String> roles, Path dir, Consumer<String> say) throws InterruptedException {
        return busy("fetch-logs", () -> run.fetchLogs(roles, dir, say));
    }

    @Override
    public Downed down() throws InterruptedException {
        return down.down(null);
    }

    private <T> T busy(String what, Callable<T> work) throws InterruptedException {
        Runnable done = activity.busy(what, Instant.now());
        try {
            return work.call();
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            done.run();
        }
    }

    @Override
    public void close() {
        // the daemon holds the run
    }
}
