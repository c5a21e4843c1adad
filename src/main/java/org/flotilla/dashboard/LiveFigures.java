package org.flotilla.dashboard;

import org.flotilla.config.Settings;
import org.flotilla.config.TestPlan;
import org.flotilla.fleet.Fleet;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;
import org.flotilla.ssh.OnEachHost;
import org.flotilla.run.TestWatch;
import org.flotilla.ssh.PerHost;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fleet's figures second by second while a test runs (started by a command or a page): every second, each host of the test's
 * roles is asked over its held session for what its logs gained, and the page is sent the fleet's
 * sum and each host's figure ("figures" events). Nothing is read while no page is open.
 */
final class LiveFigures implements TestWatch, AutoCloseable {
    private static final long EVERY_MS = 1000;
    /** The most one host's look may take: a slow host's figure is left out of that second, not waited for. */
    private static final Duration PER_HOST = Duration.ofSeconds(5);
    private final Settings settings;
    private final Fleet fleet;
    private final OnEachHost onHosts;
    private final Pages pages;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-figures");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> looking;
    private Map<Host, HostReading> readings = Map.of();
    private String test;
    /** The test that runs now (null between tests) and how the page names it. */
    private TestPlan running;
    private String label;
    /** Every read of a host's logs for live figures (a baseline or a look), one per host each time. */
    private final AtomicLong reads = new AtomicLong();

    LiveFigures(Settings settings, Fleet fleet, OnEachHost onHosts, Pages pages) {
        this.settings = settings;
        this.fleet = fleet;
        this.onHosts = onHosts;
        this.pages = pages;
    }

    /**
     * Before the test fires: with a page open, notes where its hosts' logs end now, then looks every second
     * until {@link #ended}; with none, only remembers the test, for a page that opens while it runs.
     */
    @Override
    public synchronized void starting(TestPlan plan, String pattern) throws InterruptedException {
        ended();
        running = plan;
        label = plan.name() + (pattern == null ? "" : " [" + pattern + "]");
        if (pages.any()) look();
    }

    /** A page has opened: if a test runs and no one was looking, its figures are read from now on. */
    void pageOpened() {
        timer.execute(() -> {
            try {
                synchronized (this) {
                    if (running != null && looking == null) look();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void look() throws InterruptedException {
        Map<Host, HostReading> next = new LinkedHashMap<>();
        for (Host h : fleet.hosts()) {
            if (running.roles().contains(h.role()) && fleet.state(h.id()) == HostState.READY) next.put(h, new HostReading(h, settings.logs(h.role())));
        }
        onHosts.run(List.copyOf(next.keySet()), settings.fetch().parallel(), PER_HOST, (h, remote) -> {
            reads.incrementAndGet();
            next.get(h).baseline(remote);
            return null;
        });
        readings = next;
        test = label;
        pages.post("live", Map.of("test", label, "hosts", next.keySet().stream().map(Host::id).toList(), "started", System.currentTimeMillis()));
        looking = timer.scheduleWithFixedDelay(this::lookOnce, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** After the test: one last look (what the hosts wrote at the end), then no more. */
    @Override
    public synchronized void ended() {
        running = null;
        if (looking == null) return;
        looking.cancel(false);
        looking = null;
        timer.execute(this::lookOnce);
    }

    private void lookOnce() {
        if (!pages.any()) return;
        Map<Host, HostReading> now = readings;
        Map<Host, PerHost<HostFigures>> looked;
        try {
            looked = onHosts.run(List.copyOf(now.keySet()), settings.fetch().parallel(), PER_HOST, (h, remote) -> {
                reads.incrementAndGet();
                return now.get(h).look(remote);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        List<HostFigures> hosts = looked.values().stream().filter(PerHost::ok).map(PerHost::value).toList();
        pages.post("figures", FleetFigures.of(test, System.currentTimeMillis(), hosts));
    }

    /** How many times a host's logs were read for live figures so far. */
    long reads() {
        return reads.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
