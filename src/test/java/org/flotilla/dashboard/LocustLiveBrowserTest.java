package org.flotilla.dashboard;

import com.sun.net.httpserver.HttpServer;
import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.fleet.JournalEvent.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Locust, headless, on a local host against an HTTP target this test serves on 127.0.0.1,
 * started from the page: the live Locust chart shows the fleet's requests/s, read from the stats
 * history Locust writes, while the test runs (and no empty bandwidth chart), and the host's CPU from
 * the dstat it has run since setup. Then siege from the
 * page: the page says plainly that siege has no live figures.
 */
class LocustLiveBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void locustsRequestsPerSecondAreChartedLiveAndSiegeIsSaidToHaveNone() throws Exception {
        ExecutorService handlers = Executors.newFixedThreadPool(4);
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        target.createContext("/", exchange -> {
            byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.setExecutor(handlers);
        target.start();
        try {
            String url = "http://127.0.0.1:" + target.getAddress().getPort();
            Workspace w = new Workspace(tmp);
            for (String file : List.of("locust-swarm/locustfile.py", "siege-cannons/siege.conf")) {
                Files.createDirectories(w.resources.resolve(file).getParent());
                Files.copy(Path.of("resources").resolve(file), w.resources.resolve(file));
            }
            Path config = w.config("fleet.conf", """
                    roles.loader {
                      count = 1
                      # siege reads ~/.siege/siege.conf, and writes a template there (to stdout) when it is missing
                      resources = [
                        { source = "locust-swarm/locustfile.py", dest = "locust/locustfile.py" }
                        { source = "siege-cannons/siege.conf", dest = ".siege/siege.conf" }
                      ]
                      # a CPU sampler from before the test: its lines during the test come without dstat's header lines
                      setup = [ { run = "mkdir -p logs" }, { run = "PYTHONUNBUFFERED=1 nohup dstat -tcn --noheaders 1 90 </dev/null >logs/dstat.txt 2>/dev/null &" } ]
                      logs = [ "logs/" ]
                    }
                    tests.swarm {
                      roles = [loader]
                      duration = 20s
                      grace = 60s
                      command = "locust -f locust/locustfile.py --headless --only-summary -u 4 -r 4 -t 20s -H %1$s --csv logs/swarm --csv-full-history"
                    }
                    tests.cannon {
                      roles = [loader]
                      duration = 3s
                      grace = 60s
                      command = "siege -j -c 2 -t 3S %1$s/ > logs/siege.json"
                    }
                    """.formatted(url));
            Settings s = w.settings(config);
            try (ServedFleet f = ServedFleet.up(s); Browser b = f.browser(tmp.resolve("browser"), "#tests")) {
                b.run("swarm");

                b.await("non-zero requests/s in the live Locust chart", Duration.ofMinutes(1),
                        () -> b.script("return window.flotillaLive && window.flotillaLive.firstRequests") != null);
                long shown = ((Number) b.script("return window.flotillaLive.firstRequests")).longValue();
                assertThat(b.text("#live-now")).contains(" requests/s, ").contains(" failures/s");
                assertThat(b.all("#live-locust").get(0).isDisplayed()).as("the Locust chart").isTrue();
                assertThat(b.all("#live-bandwidth").get(0).isDisplayed()).as("a bandwidth chart with no bandwidth logs").isFalse();
                assertThat(b.all("#live-note").get(0).isDisplayed()).isFalse();
                b.await("a row for the host with its requests/s and CPU", Duration.ofSeconds(10),
                        () -> b.text("#live-hosts tbody tr[data-host=loader-0]").matches("loader-0\\s+-\\s+[0-9.]+\\s+[0-9]+ %"));
                assertThat(b.text("#live-now")).matches(".* requests/s, .*, CPU [0-9]+ % busy");
                b.script("document.getElementById('live').scrollIntoView()");
                Thread.sleep(3000); // a few more seconds on the chart: a line, not a dot
                b.screenshot(FleetViewBrowserTest.SCREENSHOTS.resolve("locust-live.png"));
                b.await("the swarm ended", Duration.ofMinutes(2), () -> b.text("#activity").contains("run swarm: 1 of 1 host runs ok"));

                @SuppressWarnings("unchecked")
                List<Number> requests = (List<Number>) b.script("return window.flotillaLive.requests");
                double most = requests.stream().mapToDouble(Number::doubleValue).max().orElse(0);
                Window swarm = LiveChartBrowserTest.windows(f.run()).stream().filter(win -> win.test().equals("swarm")).findFirst().orElseThrow();
                System.out.println("locust live: first non-zero requests/s " + (shown - swarm.start().toEpochMilli())
                        + " ms after the start instant; most " + most + " requests/s over " + requests.size() + " seconds");
                assertThat(most).as("the chart's requests/s").isGreaterThan(1);
                assertThat(Instant.ofEpochMilli(shown)).as("the first non-zero requests/s, while the swarm ran")
                        .isAfterOrEqualTo(swarm.start()).isBeforeOrEqualTo(swarm.end());

                b.run("cannon");
                b.await("siege ended", Duration.ofMinutes(2), () -> b.text("#activity").contains("run cannon: 1 of 1 host runs ok"));
                b.await("the page says siege has no live figures", Duration.ofSeconds(30),
                        () -> b.text("#live-note").startsWith("siege has no live figures"));
                assertThat(b.text("#live-note")).contains("report after fetch-logs and analyze");
                assertThat(b.text("#live-test")).startsWith("cannon");
                assertThat(b.all("#live-locust").get(0).isDisplayed()).as("no chart for siege").isFalse();
                assertThat(b.all("#live-bandwidth").get(0).isDisplayed()).as("no chart for siege").isFalse();
            }
        } finally {
            target.stop(0);
            handlers.shutdownNow();
        }
    }
}
