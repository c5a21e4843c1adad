package org.flotilla.daemon;

import org.flotilla.config.Settings;
import org.flotilla.dashboard.Dashboard;
import org.flotilla.fleet.JournalEvent;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.provider.Providers;
import org.flotilla.provision.Watch;
import org.flotilla.run.Downed;
import org.flotilla.run.InProcessRun;
import org.flotilla.run.RunContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run's daemon: `up` holds the fleet in this process until `down`. Its own part is the
 * lifecycle and two timers — the watch that finds hosts lost while held, and idle-stop — and the
 * control address through which other processes' commands reach the run.
 */
public final class FleetDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetDaemon.class);
    private final InProcessRun run;
    private final Watch watch;
    private final ScheduledExecutorService watching = background("watch");
    private final ScheduledExecutorService idleWatch = background("idle-stop");
    private final Activity activity = new Activity(Instant.now(), "up");
    private final CountDownLatch downed = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private ControlServer control;
    private Dashboard dashboard;

    private FleetDaemon(InProcessRun run) {
        this.run = run;
        RunContext c = run.context();
        this.watch = new Watch(c.settings(), c.fleet(), c.provider(), c.provisioner(), c.log());
        run.beforeDown(() -> {
            idleWatch.shutdown(); // not awaited: idle-stop itself may be the caller
            stopWatching();
        });
    }

    private static ScheduledExecutorService background(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** A new run: writes its settings and the journal's first line. */
    public static FleetDaemon launch(Settings settings, Run run) {
        return new FleetDaemon(InProcessRun.launch(settings, run));
    }

    /** A new run whose provider {@code providers} makes. */
    public static FleetDaemon launch(Settings settings, Run run, Providers.Factory providers) {
        return new FleetDaemon(InProcessRun.launch(settings, run, providers));
    }

    /** The run's operations, done here. */
    public InProcessRun run() {
        return run;
    }

    /** Launches the fleet and configures every host as it comes up. */
    public Outcome up() throws InterruptedException {
        return up(true);
    }

    /**
     * Launches and configures the fleet (or, with {@code configure} false, only waits until every
     * host runs), then watches it and, with provision.idle-stop, counts its idle time.
     */
    public Outcome up(boolean configure) throws InterruptedException {
        Outcome outcome = run.up(configure);
        LOG.info("run {}: {} of {} hosts {}", run.run().id(), outcome.ready(), outcome.total(), configure ? "READY" : "running");
        outcome.failed().forEach((host, why) -> LOG.warn("{} FAILED: {}", host, why));
        if (!run.stopped()) {
            Settings settings = run.settings();
            long every = settings.provision().watchInterval().toMillis();
            watching.scheduleWithFixedDelay(this::watchOnce, every, every, TimeUnit.MILLISECONDS);
            activity.touch(configure ? "up" : "up --no-configure", Instant.now());
            Duration idleStop = settings.provision().idleStop();
            if (!idleStop.isZero()) {
                // A tenth of the idle time, within reason: the fleet outlives its idle time by at most that much.
                long look = Math.max(100, Math.min(10_000, idleStop.toMillis() / 10));
                idleWatch.scheduleWithFixedDelay(() -> stopIfIdle(idleStop), look, look, TimeUnit.MILLISECONDS);
            }
        }
        return outcome;
    }

    /** Lets a look in progress finish (it may be launching a replacement, which the journal must hold before `down` looks). */
    private void stopWatching() {
        watching.shutdown();
        try {
            if (!watching.awaitTermination(2, TimeUnit.MINUTES)) run.context().journal().append(new JournalEvent.WatchFailed("still busy at down"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void watchOnce() {
        if (run.stopped()) return;
        try {
            watch.check();
        } catch (RuntimeException e) {
            // a failed look (API down for a moment) is retried at the next interval
            run.context().journal().append(new JournalEvent.WatchFailed(String.valueOf(e.getMessage())));
            LOG.warn("a look at the fleet failed; the next is in {}", run.settings().provision().watchInterval(), e);
        }
    }

    private void stopIfIdle(Duration idleStop) {
        if (run.stopped()) return;
        Optional<Duration> idle = activity.idle(Instant.now());
        if (idle.isEmpty() || idle.get().compareTo(idleStop) < 0) return;
        try {
            down("idle for " + IdleTime.of(idleStop) + ": no test and no command since " + activity.lastTouch());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Terminates the fleet (once; a later call gets the first one's answer) and lets the daemon end. */
    public Downed down(String reason) throws InterruptedException {
        try {
            Downed d = run.down(reason);
            if (!d.already()) LOG.info("down{}: the fleet is terminated{}", reason == null ? "" : " (" + reason + ")",
                    d.failures().isEmpty() ? "" : " but for " + d.failures());
            return d;
        } finally {
            downed.countDown();
        }
    }

    public Downed down() throws InterruptedException {
        return down(null);
    }

    /** The daemon's own work with the fleet (the tests of `flotilla test`): the fleet is not idle until it is closed. */
    public Busy busy(String what) {
        return activity.busy(what, Instant.now())::run;
    }

    /** Work that keeps the fleet from being idle while it lasts. */
    public interface Busy extends AutoCloseable {
        @Override
        void close();
    }

    /** Opens the control address and writes daemon.json, so other processes' commands reach the run here. */
    public void serve() {
        HeldRun held = new HeldRun(run, activity, this::down);
        control = new ControlApi(held, activity).serve();
        Settings settings = run.settings();
        if (settings.dashboard().enabled()) {
            dashboard = Dashboard.start(settings.dashboard(), run.fleet(), run.context().hosts(), settings.hostCount(), held);
            held.watchTests(dashboard.liveFigures());
        }
        new DaemonInfo(ProcessHandle.current().pid(), control.port(), control.token(), dashboard().orElse(null)).write(run.run());
        LOG.info("run {}: daemon pid {}, control API on 127.0.0.1:{}{}", run.run().id(), ProcessHandle.current().pid(), control.port(),
                dashboard().map(url -> ", dashboard on " + url).orElse(""));
    }

    /** The dashboard's address, once {@link #serve} serves one. */
    public Optional<String> dashboard() {
        return Optional.ofNullable(dashboard).map(Dashboard::url);
    }

    /** How many times the dashboard has read a host's logs for live figures (0 with no dashboard). */
    public long liveFigureReads() {
        return dashboard == null ? 0 : dashboard.liveFigureReads();
    }

    /** Blocks until `down`. */
    public void awaitDown() throws InterruptedException {
        downed.await();
    }

    public boolean isDown() {
        return run.isDown();
    }

    /** Stops launching and configuring (Ctrl-C). */
    public void stop() {
        run.stop();
    }

    @Override
    public void close() {
        // Both the signal hook and the main thread close: only the first does the work.
        if (!closed.compareAndSet(false, true)) return;
        run.stop();
        if (control != null) {
            DaemonInfo.remove(run.run());
            control.close();
        }
        if (dashboard != null) dashboard.close();
        idleWatch.shutdownNow();
        stopWatching();
        run.close();
    }
}
