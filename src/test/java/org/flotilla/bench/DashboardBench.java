package org.flotilla.bench;

import com.sun.management.OperatingSystemMXBean;
import org.flotilla.config.ConfigSources;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.dashboard.Browser;
import org.flotilla.fleet.Fleet;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Run;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The dashboard with N local hosts (default 1000) held READY and its page open in headless
 * Chromium: the latency from a journaled state change (Fleet.set, which records the journal line
 * and tells the dashboard) to the changed row in the page (median, p99); the daemon's CPU between
 * tests with the page open; what the page transfers to load.
 *
 * Usage: bench/dashboard.sh [N] [CHANGES]
 */
public final class DashboardBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path runs = Files.createTempDirectory("flotilla-dashboard-bench-");
        Settings settings = Settings.load(new ConfigSources(Path.of("config/scenarios/local-demo.conf"),
                List.of("runs-dir=\"" + runs + "\"", "provision.configurers=32"), Map.of("client", n - 1)));
        Run run = Run.create(settings.runsDir());
        try (FleetDaemon daemon = FleetDaemon.launch(settings, run)) {
            daemon.serve();
            long upStart = System.nanoTime();
            if (!daemon.up().failed().isEmpty()) throw new IllegalStateException("hosts failed to come up");
            System.out.printf("%d hosts READY in %.1f s%n", n, (System.nanoTime() - upStart) / 1e9);
            try (Browser b = Browser.onDashboard(daemon, run, runs.resolve("browser"), "")) {
                b.await("all rows", Duration.ofMinutes(2), () -> b.text("#count-READY b").equals(String.valueOf(n)));
                transfer(b);
                cpuBetweenTests(Duration.ofSeconds(30));
                latency(daemon.run().fleet(), b, changes);
            }
            daemon.down();
        }
    }

    /** What the page fetched to load (HTML, scripts, styles, the chart library, its session), from the browser's own resource timing. */
    private static void transfer(Browser b) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) b.script("""
                return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                  .map(e => ({name: new URL(e.name).pathname, transfer: e.transferSize, body: e.decodedBodySize}));""");
        long transfer = 0;
        for (Map<String, Object> e : entries) {
            transfer += ((Number) e.get("transfer")).longValue();
            System.out.printf("  %-40s %8d bytes transferred, %8d bytes of body%n", e.get("name"), ((Number) e.get("transfer")).longValue(),
                    ((Number) e.get("body")).longValue());
        }
        System.out.printf("page load: %d requests, %d bytes transferred (the hosts' rows come on the event stream)%n", entries.size(), transfer);
    }

    private static void cpuBetweenTests(Duration over) throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(over.toMillis());
        double share = (os.getProcessCpuTime() - cpu0) * 100.0 / (System.nanoTime() - t0);
        System.out.printf("daemon CPU between tests, page open, %s: %.2f %% of one core%n", over, share);
    }

    /**
     * Each change marks one random host FAILED with a unique reason; a MutationObserver in the page
     * notes when that reason shows in its row (the browser's clock is this machine's).
     */
    private static void latency(Fleet fleet, Browser b, int changes) throws InterruptedException {
        b.script("""
                window.benchSeen = {};
                new MutationObserver((records) => {
                  const now = performance.timeOrigin + performance.now();
                  for (const r of records) {
                    const text = r.target.textContent || '';
                    if (text.startsWith('bench-') && !(text in window.benchSeen)) window.benchSeen[text] = now;
                  }
                }).observe(document.getElementById('hosts'), {subtree: true, childList: true, characterData: true});""");
        List<Host> hosts = fleet.hosts();
        Random random = new Random(17);
        List<long[]> sent = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            Host h = hosts.get(random.nextInt(hosts.size()));
            sent.add(new long[]{i, System.currentTimeMillis()});
            fleet.set(h, HostState.FAILED, "bench-" + i);
            Thread.sleep(20 + random.nextInt(60));
        }
        Thread.sleep(3000);
        @SuppressWarnings("unchecked")
        Map<String, Number> seen = (Map<String, Number>) b.script("return window.benchSeen");
        List<Double> ms = new ArrayList<>();
        int missing = 0;
        for (long[] s : sent) {
            Number at = seen.get("bench-" + s[0]);
            if (at == null) missing++;
            else ms.add(at.doubleValue() - s[1]);
        }
        Collections.sort(ms);
        System.out.printf("state change -> page: %d changes, median %.0f ms, p99 %.0f ms, max %.0f ms, %d not seen%n",
                changes, ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.99) - 1), ms.get(ms.size() - 1), missing);
        for (Host h : hosts) fleet.set(h, HostState.READY, null);
    }
}
