package org.flotilla.analysis.parse;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Expected numbers are read off the captured files by hand (see the lines quoted). */
class IperfParsersTest {
    private static final double MB = 1024 * 1024;

    @Test
    void iperf3JsonTcpTakesTheReceivedSumAndTheIntervals() {
        Recorded r = Recorded.parse(new Iperf3JsonParser(), "iperf3/iperf3-tcp.json");
        assertThat(r.problems.count()).isZero();
        assertThat(r.results).hasSize(1);
        ClientResult c = r.results.get(0);
        // end.sum_received: "bytes": 75104256, "bits_per_second": 200260192.842837, "seconds": 3.000267
        assertThat(c.bytes()).isEqualTo(75104256);
        assertThat(c.bitsPerSecond()).isEqualTo(200260192.842837);
        assertThat(c.seconds()).isEqualTo(3.000267);
        assertThat(c.start()).isEqualTo(Instant.ofEpochSecond(1795551771));
        assertThat(r.points).hasSize(3);
        assertThat(r.points.get(1).bitsPerSecond()).isEqualTo(200279615.63777635);
        assertThat(r.points.get(1).time()).isEqualTo(Instant.ofEpochSecond(1795551771).plusMillis(1000));
    }

    @Test
    void iperf3JsonUdpTakesJitterAndLossFromEndSum() {
        Recorded r = Recorded.parse(new Iperf3JsonParser(), "iperf3/iperf3-udp.json");
        ClientResult c = r.results.get(0);
        assertThat(c.bytes()).isEqualTo(3768320);
        assertThat(c.bitsPerSecond()).isEqualTo(10048360.963646114);
        assertThat(c.jitterMs()).isEqualTo(0.020313149886265175);
        assertThat(c.lostPackets()).isZero();
        assertThat(c.lostPercent()).isZero();
    }

    @Test
    void iperf3JsonWithTwoStreamsIsOneClient() {
        Recorded r = Recorded.parse(new Iperf3JsonParser(), "iperf3/iperf3-tcp-p2.json");
        assertThat(r.results).hasSize(1);
        assertThat(r.results.get(0).bitsPerSecond() / 1e6).isCloseTo(100, within(1.0));
    }

    @Test
    void iperf3JsonErrorIsAProblemNamingTheFile() {
        Recorded r = Recorded.parse(new Iperf3JsonParser(), "iperf3/iperf3-error.json");
        assertThat(r.results).isEmpty();
        assertThat(r.problems.byFile().get(0).first().get(0).message()).isEqualTo("iperf3 error: unable to connect to server: Connection refused");
    }

    @Test
    void iperf3TextTakesTheReceiverLine() {
        Recorded r = Recorded.parse(new Iperf3TextParser(), "iperf3/iperf3-tcp.txt");
        assertThat(r.problems.count()).isZero();
        // [  5]   0.00-3.00   sec  71.6 MBytes   200 Mbits/sec                  receiver
        assertThat(r.results).singleElement().satisfies(c -> {
            assertThat(c.bytes()).isEqualTo(71.6 * MB);
            assertThat(c.bitsPerSecond()).isEqualTo(200e6);
            assertThat(c.seconds()).isEqualTo(3.0);
        });
        assertThat(r.points).hasSize(3);
    }

    @Test
    void iperf3TextUdpReadsJitterAndLoss() {
        Recorded r = Recorded.parse(new Iperf3TextParser(), "iperf3/iperf3-udp.txt");
        // [  5]   0.00-2.00   sec  2.41 MBytes  10.1 Mbits/sec  0.010 ms  0/77 (0%)  receiver
        assertThat(r.results).singleElement().satisfies(c -> {
            assertThat(c.bitsPerSecond()).isEqualTo(10.1e6);
            assertThat(c.jitterMs()).isEqualTo(0.010);
            assertThat(c.lostPackets()).isZero();
        });
    }

    @Test
    void iperf3TextWithTwoStreamsUsesTheSumLines() {
        Recorded r = Recorded.parse(new Iperf3TextParser(), "iperf3/iperf3-p2.txt");
        // [SUM]   0.00-2.00   sec  24.0 MBytes   101 Mbits/sec                  receiver
        assertThat(r.results).singleElement().satisfies(c -> assertThat(c.bytes()).isEqualTo(24 * MB));
        assertThat(r.points).extracting(BandwidthPoint::bitsPerSecond).containsExactly(101e6, 101e6);
    }

    @Test
    void iperf3TextWithTimestampsKnowsWhenTheClientStarted() {
        Recorded r = Recorded.parse(new Iperf3TextParser(), "iperf3/iperf3-timestamps.txt");
        assertThat(r.problems.count()).isZero();
        // Tue Nov 24 20:59:27 2026 Connecting to host ...; ... 12.0 MBytes  50.3 Mbits/sec  receiver
        assertThat(r.results).singleElement().satisfies(c -> {
            assertThat(c.start()).isEqualTo(Instant.parse("2026-11-24T20:59:27Z"));
            assertThat(c.bitsPerSecond()).isEqualTo(50.3e6);
        });
        assertThat(r.points.get(1).time()).isEqualTo(Instant.parse("2026-11-24T20:59:28Z"));
    }

    @Test
    void iperf2TextFinalLineIsTheResultAndTheRestIntervals() {
        Recorded r = Recorded.parse(new Iperf2TextParser(), "iperf2/iperf2.txt");
        assertThat(r.problems.count()).isZero();
        // [  1] 0.0000-3.0119 sec  5.07 GBytes  14.5 Gbits/sec
        assertThat(r.results).singleElement().satisfies(c -> {
            assertThat(c.bytes()).isEqualTo(5.07 * 1024 * MB);
            assertThat(c.bitsPerSecond()).isEqualTo(14.5e9);
            assertThat(c.seconds()).isCloseTo(3.0119, within(1e-9));
        });
        assertThat(r.points).extracting(BandwidthPoint::bitsPerSecond).containsExactly(14.2e9, 16.8e9, 12.6e9);
    }

    @Test
    void iperf2TextStreamsAreClientsAndSumIsLeftOut() {
        Recorded r = Recorded.parse(new Iperf2TextParser(), "iperf2/iperf2-p2.txt");
        assertThat(r.results).extracting(ClientResult::bitsPerSecond).containsExactly(17.9e9, 18.3e9);
    }

    @Test
    void iperf2ClassicLineWithAnyPrefixParses() {
        Recorded r = Recorded.parseText(new Iperf2TextParser(), "[  3]  0.0-10.0 sec   134 MBytes   112 Mbits/sec\n"
                + "[  4]  0.0-10.0 sec   900 KBytes   737 Kbits/sec\n");
        assertThat(r.results).extracting(ClientResult::bytes).containsExactly(134 * MB, 900 * 1024.0);
        assertThat(r.results).extracting(ClientResult::bitsPerSecond).containsExactly(112e6, 737e3);
    }

    @Test
    void iperf2TextWithCrLfLinesReadsAsWithLfAndACutLastLineIsAProblem() {
        String log = "[  3] 0.0-1.0 sec  8.94 MBytes  75.0 Mbits/sec\n[  3] 1.0-2.0 sec  8.82 MBytes  73.9 Mbits/sec\n"
                + "[  3]  0.0-2.0 sec  17.76 MBytes  74.5 Mbits/sec\n";
        Recorded lf = Recorded.parseText(new Iperf2TextParser(), log);
        Recorded crlf = Recorded.parseText(new Iperf2TextParser(), log.replace("\n", "\r\n"));
        assertThat(lf.results).extracting(ClientResult::bitsPerSecond).containsExactly(74.5e6);
        assertThat(lf.points).extracting(BandwidthPoint::bitsPerSecond).containsExactly(75.0e6, 73.9e6);
        assertThat(crlf.results).isEqualTo(lf.results);
        assertThat(crlf.points).isEqualTo(lf.points);
        assertThat(crlf.problems.count()).isZero();

        // the file ends inside its result line: the intervals count, the stream has no result, both lines are named
        Recorded cut = Recorded.parseText(new Iperf2TextParser(), log.substring(0, log.length() - 20));
        assertThat(cut.results).isEmpty();
        assertThat(cut.points).extracting(BandwidthPoint::bitsPerSecond).containsExactly(75.0e6, 73.9e6);
        assertThat(cut.problems.byFile().get(0).first()).extracting(Problem::where).containsExactly("inline:3", "inline");
    }

    @Test
    void iperf2TextFiguresWithASignOrAnExponentAreProblemsNotFigures() {
        Recorded r = Recorded.parseText(new Iperf2TextParser(), "[  3] 0.0-1.0 sec  8.94 MBytes  75.0 Mbits/sec\n"
                + "[  3] 1.0-2.0 sec  8.82e1 MBytes  73.9 Mbits/sec\n[  3] 2.0-3.0 sec  -8.82 MBytes  73.9 Mbits/sec\n"
                + "[  3] 3.0-4.0 sec  8.82 MBytes  7.39E1 Mbits/sec\n[  3]  0.0-4.0 sec  35.0 MBytes  73.9 Mbits/sec\n");
        assertThat(r.results).extracting(ClientResult::bitsPerSecond).containsExactly(73.9e6);
        assertThat(r.points).extracting(BandwidthPoint::bitsPerSecond).containsExactly(75.0e6);
        assertThat(r.problems.byFile().get(0).first()).extracting(Problem::where).containsExactly("inline:2", "inline:3", "inline:4");
    }

    @Test
    void iperf2TextGarbageAndAMissingFinalLineAreProblems() {
        Recorded r = Recorded.parseText(new Iperf2TextParser(), "[  1] 0.0-1.0 sec  10 MBytes  80 Mbits/sec\n"
                + "read failed: Connection refused\n[  1] 1.0-2.0 sec  10 MBytes  80 Mbits/sec\n");
        assertThat(r.results).isEmpty();
        assertThat(r.problems.count()).isEqualTo(2);
        assertThat(r.problems.byFile().get(0).first()).extracting(Problem::where).containsExactly("inline:2", "inline");
    }

    @Test
    void iperf2CsvFinalLinePerStreamWithTimes() {
        Recorded r = Recorded.parse(new Iperf2CsvParser(), "iperf2/iperf2.csv");
        assertThat(r.problems.count()).isZero();
        // 20261124202319,127.0.0.1,41802,127.0.0.1,5401,1,0.0-3.0,5460066364,14512426250
        assertThat(r.results).singleElement().satisfies(c -> {
            assertThat(c.bytes()).isEqualTo(5460066364.0);
            assertThat(c.bitsPerSecond()).isEqualTo(14512426250.0);
            assertThat(c.start()).isEqualTo(Instant.parse("2026-11-24T20:23:16Z"));
        });
        assertThat(r.points).hasSize(3);
        Recorded p2 = Recorded.parse(new Iperf2CsvParser(), "iperf2/iperf2-p2.csv");
        assertThat(p2.results).extracting(ClientResult::bitsPerSecond).containsExactlyInAnyOrder(3358242126.0, 3135829594.0);
    }

    @Test
    void iperf2CsvServerReportsAreListedNotCounted() {
        Recorded r = Recorded.parseText(new Iperf2CsvParser(), "20261124202319,127.0.0.1,5401,127.0.0.1,41802,1,0.0-3.0,5460066364,14512426250\n");
        assertThat(r.results).isEmpty();
        assertThat(r.problems.ignored()).singleElement().satisfies(i -> assertThat(i.why()).startsWith("iperf2 server reports"));
    }

    @Test
    void iperf2CsvWithoutTheIdColumn() {
        Recorded r = Recorded.parseText(new Iperf2CsvParser(), "20100101120010,10.0.0.2,40000,10.0.0.1,5001,0.0-10.0,1310720,1048576\n");
        assertThat(r.results).singleElement().satisfies(c -> {
            assertThat(c.bytes()).isEqualTo(1310720);
            assertThat(c.bitsPerSecond()).isEqualTo(1048576);
            assertThat(c.start()).isEqualTo(Instant.parse("2010-01-01T12:00:00Z"));
        });
    }
}
