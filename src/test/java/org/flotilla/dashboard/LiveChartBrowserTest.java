package org.flotilla.dashboard;

import org.flotilla.Workspace;
import org.flotilla.config.ConfigSources;
import org.flotilla.config.Settings;
import org.flotilla.fleet.JournalCodec;
import org.flotilla.fleet.JournalEvent;
import org.flotilla.fleet.JournalEvent.Window;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * local-iperf's test started from the page: the live chart shows the fleet's bandwidth, read from
 * the clients' iperf3 logs as they write them, within 3 s of the test's start instant; once the
 * logs are fetched and analyzed, the report link opens the report's tables.
 */
class LiveChartBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void runningLocalIperfFromThePageChartsItsBandwidthLive() throws Exception {
        Settings s = Settings.load(new ConfigSources(Path.of("config/scenarios/local-iperf.conf"), List.of(
                "runs-dir=\"" + tmp.resolve("runs") + "\"", "vars={ base-port = 25201, run-limit = 120 }"), Map.of("client", 2)));
        try (ServedFleet f = ServedFleet.up(s); Browser b = f.browser(tmp.resolve("browser"), "#tests")) {
            Run run = f.run();
            b.await("the iperf test listed", Duration.ofSeconds(60), () -> !b.all("#tests tr[data-test=iperf-5s] button.run").isEmpty());
            new Select(b.all("#tests tr[data-test=iperf-5s] select.pattern").get(0)).selectByValue("text");
            b.all("#tests tr[data-test=iperf-5s] button.run").get(0).click();

            b.await("non-zero bandwidth in the live chart", Duration.ofMinutes(1),
                    () -> b.script("return window.flotillaLive && window.flotillaLive.firstNonZero") != null);
            long shown = ((Number) b.script("return window.flotillaLive.firstNonZero")).longValue();
            assertThat(b.text("#live-now")).matches("[0-9.]+ Mbit/s.*").doesNotStartWith("0.0 ");
            assertThat(b.all("#live-hosts tbody tr")).hasSize(2);
            b.script("document.getElementById('live').scrollIntoView()");
            Thread.sleep(2500); // a few more seconds on the chart: a line, not a dot
            b.screenshot(FleetViewBrowserTest.SCREENSHOTS.resolve("live-chart.png"));
            b.await("the test ended", Duration.ofMinutes(2), () -> b.text("#activity").contains("run iperf-5s: 2 of 2 host runs ok"));

            Instant start = windows(run).stream().map(Window::start).min(Instant::compareTo).orElseThrow();
            long afterStart = shown - start.toEpochMilli();
            System.out.println("live chart: first non-zero bandwidth " + afterStart + " ms after the start instant");
            assertThat(afterStart).as("ms from the start instant to the first non-zero figure").isBetween(0L, 3000L);

            b.all("#fetch-logs").get(0).click();
            b.await("the logs fetched", Duration.ofMinutes(2), () -> b.text("#activity").contains("fetch-logs: "));
            assertThat(b.all("#report-link").get(0).isDisplayed()).as("no report link before analyze").isFalse();
            Workspace.Result analyzed = new Workspace(tmp).cliInRuns("analyze", "--run", run.id());
            assertThat(analyzed.exit()).as(analyzed.toString()).isZero();
            b.all("#tab-fleet").get(0).click();
            b.all("#tab-tests").get(0).click();
            b.await("the report link", Duration.ofSeconds(30), () -> b.all("#report-link").get(0).isDisplayed());
            b.all("#report-link").get(0).click();
            b.await("the report's tables", Duration.ofSeconds(30), () -> b.text("h1").startsWith("Flotilla report"));
            assertThat(b.all("table")).isNotEmpty();
            assertThat(b.text("body")).contains("iperf-5s");
        }
    }

    static List<Window> windows(Run run) throws Exception {
        List<Window> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.journal())) {
            JournalEvent e = JournalCodec.read(line).map(JournalCodec.Entry::event).orElse(null);
            if (e instanceof Window w) out.add(w);
        }
        return out;
    }
}
