package org.flotilla.analysis.parse;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KindDetectorTest {
    @Test
    void everyFixtureIsToldByItsContent() throws IOException {
        Map<String, LogKind> expected = Map.ofEntries(
                Map.entry("iperf3/iperf3-tcp.json", LogKind.IPERF3_JSON), Map.entry("iperf3/iperf3-error.json", LogKind.IPERF3_JSON),
                Map.entry("iperf3/iperf3-tcp.txt", LogKind.IPERF3_TEXT), Map.entry("iperf3/iperf3-udp.txt", LogKind.IPERF3_TEXT),
                Map.entry("iperf2/iperf2.txt", LogKind.IPERF2_TEXT), Map.entry("iperf2/iperf2.csv", LogKind.IPERF2_CSV),
                Map.entry("dstat/dstat.txt", LogKind.DSTAT_TEXT), Map.entry("dstat/sadf-both.txt", LogKind.SADF),
                Map.entry("dstat-csv/pcp-dstat.csv", LogKind.DSTAT_CSV), Map.entry("../classic/test1/dstat-20s.csv", LogKind.DSTAT_CSV),
                Map.entry("siege/siege.txt", LogKind.SIEGE_TEXT), Map.entry("siege/siege.json", LogKind.SIEGE_JSON),
                Map.entry("locust/client-1/run_stats.csv", LogKind.LOCUST_STATS),
                Map.entry("locust/client-1/run_stats_history.csv", LogKind.LOCUST_HISTORY),
                Map.entry("../classic/test1/iperf-10s-client-3", LogKind.IPERF2_TEXT));
        for (var e : expected.entrySet()) {
            assertThat(KindDetector.detect(Recorded.fixture(e.getKey()))).as(e.getKey()).contains(e.getValue());
        }
        assertThat(KindDetector.detect(Recorded.fixture("locust/client-1/locustfile.py"))).isEqualTo(Optional.empty());
    }

    @Test
    void anIperf3LogNamedLikeDstatIsStillIperf3() {
        assertThat(KindDetector.detect("Connecting to host 127.0.0.1, port 5201\n[  5]   0.00-1.00   sec  1 MBytes  8 Mbits/sec\n"))
                .contains(LogKind.IPERF3_TEXT);
        assertThat(KindDetector.detect("\u0000\u0001garbage")).isEmpty();
    }

    /** The words and intervals alone tell iperf3 from iperf2 and siege, wherever in the head they stand. */
    @Test
    void intervalsAndSiegeLinesAreFoundAfterChatter() {
        String chatter = "x\n".repeat(500);
        assertThat(KindDetector.detect(chatter + "[  5]   0.00-1.00   sec  1.1 MBytes  9.2 Mbits/sec\n")).contains(LogKind.IPERF3_TEXT);
        assertThat(KindDetector.detect(chatter + "[SUM] 10.00-11.00 sec  1.1 MBytes  9.2 Mbits/sec\n")).contains(LogKind.IPERF3_TEXT);
        assertThat(KindDetector.detect(chatter + "[  3]  0.0-1.0 sec  1.1 MBytes  9.2 Mbits/sec\n")).contains(LogKind.IPERF2_TEXT);
        assertThat(KindDetector.detect(chatter + "Transactions:\t\t  120 hits\n")).contains(LogKind.SIEGE_TEXT);
        assertThat(KindDetector.detect(chatter + "HTTP/1.1 200     0.01 secs:     612 bytes ==> GET  /\n")).contains(LogKind.SIEGE_TEXT);
        assertThat(KindDetector.detect(chatter + "1.00-2.00 sec\n")).isEmpty();
    }
}
