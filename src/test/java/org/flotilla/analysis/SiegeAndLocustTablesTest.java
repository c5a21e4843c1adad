package org.flotilla.analysis;

import org.flotilla.analysis.report.Format;
import org.flotilla.analysis.report.Report;
import org.flotilla.analysis.report.ReportTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two hosts' siege and Locust logs (the captured fixtures) into the fleet tables; expected figures by hand. */
class SiegeAndLocustTablesTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @TempDir
    Path tmp;

    @Test
    void fleetFiguresAreSumsAndMergedPercentiles() throws IOException {
        Path logs = tmp.resolve("logs");
        Path one = Files.createDirectories(logs.resolve("client/client-1"));
        Path two = Files.createDirectories(logs.resolve("client/client-2"));
        Files.copy(FIXTURES.resolve("siege/siege.txt"), one.resolve("siege.log"));
        Files.copy(FIXTURES.resolve("siege/siege-4.1.txt"), two.resolve("siege.log"));
        Files.copy(FIXTURES.resolve("locust/client-1/run_stats.csv"), one.resolve("run_stats.csv"));
        Files.copy(FIXTURES.resolve("locust/client-2/run_stats.csv"), two.resolve("run_stats.csv"));
        Findings f = new Analysis(logs, List.of(), List.of(), null).run();
        Path report = tmp.resolve("report");
        new Report(new ReportTemplates(null)).write(f, EnumSet.of(Format.CSV), report);

        // siege: 30 + 1200 transactions; rates 10.49 + 119.40; elapsed max(2.86, 10.05); availability
        // (30 + 1200) ok of (30 + 1200 + 0 + 50) = 96.09 %; response time (0·30 + 20.50·1200) / 1230 = 20.00 ms
        assertThat(Files.readAllLines(report.resolve("siege.csv"))).containsExactly(
                "Test;Subtest;Hosts;Transactions;Transaction rate (trans/s);Elapsed (s);Availability (%);Response time (ms);Failed",
                "logs;;2;1230;129.89;10.05;96.09;20.00;50");
        // per host: each summary as siege printed it, then the fleet's sums
        assertThat(Files.readAllLines(report.resolve("siege-hosts.csv"))).containsExactly(
                "Test;Subtest;Host;Transactions;Elapsed (s);Transaction rate (trans/s);Availability (%);Response time (ms);Failed",
                "logs;;client-1;30;2.86;10.49;100.00;0.00;0",
                "logs;;client-2;1200;10.05;119.40;96.00;20.50;50",
                "logs;;all;1230;10.05;129.89;96.09;20.00;50");

        // Aggregated: 288 + 110 requests, 69 + 0 failures, average (2.0554·288 + 81.0711·110) / 398 = 23.89 ms,
        // requests/s 23.996 + 10.119 = 34.12; percentiles merged by weight (see StatisticsTest for p50, p75, p95):
        // p66 → 3 (at 2 ms only 230.4 of 262.7 requests), p90 → 24 (at 10 ms 357.7 of 358.2), p99 → 250
        assertThat(Files.readAllLines(report.resolve("locust.csv"))).contains(
                "logs;;;Aggregated;2;398;69;23.89;0.83;250.09;34.12;5.75;2;3;3;3;24;240;240;250;250;250;250");
        // "/" on both hosts: 165 + 74 requests
        assertThat(Files.readAllLines(report.resolve("locust.csv"))).anyMatch(l -> l.startsWith("logs;;GET;/;2;239;0;"));
    }
}
