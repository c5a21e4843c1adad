package org.flotilla.analysis.parse;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SamplerParsersTest {
    @Test
    void dstatTextRowsWithTheYearGiven() {
        Recorded r = Recorded.parse(new DstatTextParser(2026), "dstat/dstat.txt");
        assertThat(r.problems.count()).isZero();
        assertThat(r.cpu).hasSize(5);
        // 24-11 20:23:58|  6   4  90   0   0|   0     0
        CpuSample s = r.cpu.get(3);
        assertThat(s.time()).isEqualTo(Instant.parse("2026-11-24T20:23:58Z"));
        assertThat(new double[]{s.usr(), s.sys(), s.idl(), s.wai(), s.recv()}).containsExactly(6, 4, 90, 0, 0);
    }

    @Test
    void dstatTextNetworkUnitsAreBase1024() {
        Recorded r = Recorded.parse(new DstatTextParser(2026), "dstat/dstat-lo.txt");
        // 24-11 20:24:09| 22   8  70   1   0|2436k 2436k
        assertThat(r.cpu.get(1).recv()).isEqualTo(2436 * 1024.0);
        assertThat(r.cpu.get(0).recv()).isZero();
    }

    @Test
    void dstatTextRepeatedHeadersAreReadAgain() {
        String header = "----system---- --total-cpu-usage-- -net/total-\n     time     |usr sys idl wai stl| recv  send\n";
        Recorded r = Recorded.parseText(new DstatTextParser(2026), header + "24-11 20:23:41|  1   0  98   1   0|   0     0 \n"
                + header + "24-11 20:23:42| 83   6   9   2   0|1.5M   12B\n");
        assertThat(r.problems.count()).isZero();
        assertThat(r.cpu).extracting(CpuSample::usr).containsExactly(1.0, 83.0);
        assertThat(r.cpu.get(1).recv()).isEqualTo(1.5 * 1024 * 1024);
        assertThat(r.cpu.get(1).send()).isEqualTo(12);
    }

    @Test
    void dstatCsvCarriesGroupNamesOverBlankCells() {
        Recorded r = Recorded.parse(new DstatCsvParser(1999), "../classic/test1/dstat-20s.csv");
        assertThat(r.problems.count()).isZero();
        // "system","total cpu usage",,,,,,"dsk/total",,"net/total",  — recv is the 10th column, not dsk's "read"
        // 24-11 12:01:00,50.0,10.0,35.0,5.0,0.0,0.0,0.0,4096.0,100.0,200.0
        CpuSample s = r.cpu.get(0);
        assertThat(s.time()).isEqualTo(Instant.parse("2026-11-24T12:01:00Z"));
        assertThat(new double[]{s.usr(), s.sys(), s.idl(), s.wai(), s.recv(), s.send()}).containsExactly(50, 10, 35, 5, 100, 200);
    }

    @Test
    void pcpDstatCsvWithQuotedTimes() {
        Recorded r = Recorded.parse(new DstatCsvParser(1999), "dstat-csv/pcp-dstat.csv");
        assertThat(r.problems.count()).isZero();
        assertThat(r.cpu).extracting(CpuSample::idl).containsExactly(95.0, 91.0, 87.0);
        assertThat(r.cpu.get(1).recv()).isEqualTo(4096);
    }

    @Test
    void dstatCsvBadRowIsAProblemWithItsLine() {
        Recorded r = Recorded.parseText(new DstatCsvParser(2026), "\"system\",\"total cpu usage\",,,,,\"net/total\",\n"
                + "\"time\",\"usr\",\"sys\",\"idl\",\"wai\",\"stl\",\"recv\",\"send\"\n"
                + "24-11 12:00:00,1,1,98,0,0,0,0\n24-11 12:00:01,x,1,98,0,0,0,0\n");
        assertThat(r.cpu).hasSize(1);
        assertThat(r.problems.byFile().get(0).first().get(0).where()).isEqualTo("inline:4");
    }

    @Test
    void sadfCpuRowsAndNetworkSummedWithoutLo() {
        Recorded r = Recorded.parse(new SadfParser(), "dstat/sadf-both.txt");
        assertThat(r.problems.count()).isZero();
        // vm;1;2026-11-24 20:24:03 UTC;-1;30.05;0.00;7.77;1.04;0.00;61.14
        CpuSample s = r.cpu.get(2);
        assertThat(s.time()).isEqualTo(Instant.parse("2026-11-24T20:24:03Z"));
        assertThat(new double[]{s.usr(), s.sys(), s.idl(), s.wai()}).containsExactly(30.05, 7.77, 61.14, 1.04);
        // lo moved 73.07 kB/s at 20:24:03, the other interfaces nothing: net/total leaves lo out
        assertThat(r.cpu.subList(4, 8)).extracting(CpuSample::recv).containsExactly(0.0, 0.0, 0.0, 0.0);
        assertThat(r.cpu).hasSize(8);
    }

    @Test
    void sadfCpuAllNamesItsColumnsDifferently() {
        Recorded r = Recorded.parseText(new SadfParser(), "# hostname;interval;timestamp;CPU;%usr;%nice;%sys;%iowait;%steal;%irq;%soft;%guest;%gnice;%idle\n"
                + "vm;1;2026-11-24 20:24:01 UTC;-1;4.00;1.00;2.00;0.50;0.00;0.00;0.50;0.00;0.00;92.00\n");
        assertThat(r.problems.count()).isZero();
        assertThat(new double[]{r.cpu.get(0).usr(), r.cpu.get(0).sys(), r.cpu.get(0).idl(), r.cpu.get(0).wai()}).containsExactly(5, 2, 92, 0.5);
    }

    @Test
    void siegeSummaryInSeconds() {
        Recorded r = Recorded.parse(new SiegeTextParser(), "siege/siege.txt");
        assertThat(r.problems.count()).isZero();
        assertThat(r.siege).singleElement().satisfies(s -> {
            assertThat(s.transactions()).isEqualTo(30);
            assertThat(s.availability()).isEqualTo(100.0);
            assertThat(s.elapsedSeconds()).isEqualTo(2.86);
            assertThat(s.transactionRate()).isEqualTo(10.49);
            assertThat(s.responseTimeMs()).isZero();
        });
    }

    @Test
    void siegeVerboseLinesBeforeTheSummaryAreExpected() {
        Recorded r = Recorded.parse(new SiegeTextParser(), "siege/siege-verbose.txt");
        assertThat(r.problems.count()).isZero();
        // siege -c 2 -r 150: Transactions: 300 hits
        assertThat(r.siege).singleElement().satisfies(s -> assertThat(s.transactions()).isEqualTo(300));
        assertThat(KindDetector.detect("\u001b[0;34mHTTP/1.1 200     0.00 secs:       6 bytes ==> GET  /\u001b[0m\n")).contains(LogKind.SIEGE_TEXT);
    }

    @Test
    void siegeSummaryInMilliseconds() {
        Recorded r = Recorded.parse(new SiegeTextParser(), "siege/siege-4.1.txt");
        assertThat(r.siege).singleElement().satisfies(s -> {
            assertThat(s.responseTimeMs()).isEqualTo(20.50);
            assertThat(s.failed()).isEqualTo(50);
        });
        Recorded secs = Recorded.parseText(new SiegeTextParser(), "Transactions: 10 hits\nAvailability: 100.00 %\n"
                + "Elapsed time: 1.00 secs\nResponse time: 0.25 secs\nTransaction rate: 10.00 trans/sec\n");
        assertThat(secs.siege.get(0).responseTimeMs()).isEqualTo(250.0);
    }

    @Test
    void siegeJson() {
        Recorded r = Recorded.parse(new SiegeJsonParser(), "siege/siege.json");
        assertThat(r.siege).singleElement().satisfies(s -> {
            assertThat(s.transactions()).isEqualTo(30);
            assertThat(s.elapsedSeconds()).isEqualTo(3.17);
            assertThat(s.transactionRate()).isEqualTo(9.46);
        });
    }

    @Test
    void locustStatsRowsWithPercentiles() {
        Recorded r = Recorded.parse(new LocustStatsParser(), "locust/client-2/run_stats.csv");
        assertThat(r.problems.count()).isZero();
        assertThat(r.locust).extracting(LocustStats::name).containsExactly("/", "/slow.bin", "Aggregated");
        // ,Aggregated,110,0,3,81.07...,1.29...,250.08...,39276.76...,10.11...,0.0,3,10,240,240,240,240,250,250,250,250,250
        LocustStats agg = r.locust.get(2);
        assertThat(agg.requests()).isEqualTo(110);
        assertThat(agg.percentiles().get(0.95)).isEqualTo(240.0);
        assertThat(agg.percentiles().get(0.66)).isEqualTo(10.0);
        assertThat(agg.percentiles()).hasSize(11);
    }

    @Test
    void locustHistoryAggregatedRows() {
        Recorded r = Recorded.parse(new LocustHistoryParser(), "locust/client-1/run_stats_history.csv");
        assertThat(r.problems.count()).isZero();
        assertThat(r.locustPoints).hasSize(11);
        assertThat(r.locustPoints.get(4).requestsPerSecond()).isEqualTo(15.5);
        assertThat(r.locustPoints.get(4).totalRequests()).isEqualTo(97);
        assertThat(r.locustPoints.get(4).medianMs()).isEqualTo(2);
        assertThat(r.locustPoints.get(0).medianMs()).as("N/A before the first response").isNaN();
    }
}
