package org.flotilla.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classic layout, src/test/resources/classic/test1, analyzed as a user would. The expected
 * figures follow the classic awk semantics, computed by hand from the files:
 * 10s: client-1 120 MB 100 Mbit/s; client-2 60 MB 50 Mbit/s; client-3 two streams 30+36 MB, 25+30 Mbit/s
 * (its [SUM] line not counted) → fleet 4 clients, 246 MB, 205 Mbit/s, average 205/4 = 51.25.
 * 20s: client-1 1.00 GBytes = 1024 MB, 430; client-2 512 MB, 215 → 2 clients, 1536 MB, 645, 322.5.
 * dstat-10s.csv: usr (10+20+30+40)/4 = 25, sys 12.5, total mean(100−idl) = (20+40+45+60)/4 = 41.25, wait 15/4 = 3.75, 4 rows.
 * dstat-20s.csv: usr 60, sys 15, total (65+90)/2 = 77.5, wait 2.5, 2 rows.
 */
class AnalyzeCommandTest {
    private static final Path CLASSIC = Path.of("src/test/resources/classic/test1");

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int analyze(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "analyze";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(all);
    }

    @Test
    void classicLayoutGivesTheClassicTables() throws IOException {
        assertThat(analyze(CLASSIC.toString(), "--out", tmp.toString())).isZero();
        assertThat(Files.readString(tmp.resolve("classic-bandwidth.csv"))).isEqualTo("""
                Test;Subtest;Host;Clients;Total transfer (MB);Total bandwidth (Mbit/s);Average bandwidth (Mbit/s)
                test1;10s;client-1;1;120.00;100.00;100.00
                test1;10s;client-2;1;60.00;50.00;50.00
                test1;10s;client-3;2;66.00;55.00;27.50
                test1;10s;all;4;246.00;205.00;51.25
                test1;20s;client-1;1;1024.00;430.00;430.00
                test1;20s;client-2;1;512.00;215.00;215.00
                test1;20s;all;2;1536.00;645.00;322.50
                """);
        assertThat(Files.readString(tmp.resolve("classic-cpu.csv"))).isEqualTo("""
                Test;Subtest;Real length;CPU usr (%);CPU sys (%);CPU total (%);CPU wait (%)
                test1;10s;4;25.00;12.50;41.25;3.75
                test1;20s;2;60.00;15.00;77.50;2.50
                """);
        assertThat(Files.readString(tmp.resolve("classic-cpu.mediawiki"))).isEqualTo("""
                {| border="1" cellpadding="3" cellspacing="0"
                |-
                ! Test !! Subtest !! Real length !! CPU usr (%) !! CPU sys (%) !! CPU total (%) !! CPU wait (%)
                |-
                | test1 || 10s || 4 || 25.00 || 12.50 || 41.25 || 3.75
                |-
                | test1 || 20s || 2 || 60.00 || 15.00 || 77.50 || 2.50
                |}
                """);
        assertThat(Files.readString(tmp.resolve("classic-cpu.trac"))).isEqualTo("""
                ||'''Test'''||'''Subtest'''||'''Real length'''||'''CPU usr (%)'''||'''CPU sys (%)'''||'''CPU total (%)'''||'''CPU wait (%)'''||
                ||test1||10s||4||25.00||12.50||41.25||3.75||
                ||test1||20s||2||60.00||15.00||77.50||2.50||
                """);
        assertThat(Files.readString(tmp.resolve("classic-bandwidth.md"))).contains("| test1 | 10s | all | 4 | 246.00 | 205.00 | 51.25 |");
    }

    @Test
    void theBadLineIsNamedWithFileAndLine() throws IOException {
        analyze(CLASSIC.toString(), "--out", tmp.toString(), "--format", "csv");
        String problems = Files.readString(tmp.resolve("problems.txt"));
        assertThat(problems).contains("iperf-20s-client-2:7: not an iperf2 line: read failed: Connection reset by peer");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 line did not parse").contains("iperf-20s-client-2:7");
        assertThat(tmp.resolve("index.html")).doesNotExist();
    }

    @Test
    void fullBandwidthTableHasFairnessAndSlowestClients() throws IOException {
        analyze(CLASSIC.toString(), "--out", tmp.toString(), "--format", "csv");
        // 10s clients: 100, 50, 25, 30 Mbit/s → min 25, max 100, p50 40, Jain 205² / (4 · 14025) = 0.7491
        assertThat(Files.readString(tmp.resolve("bandwidth.csv")))
                .contains("test1;10s;all;4;246.00;205.00;51.25;25.00;100.00;40.00;92.50;0.7491;client-3#1 client-3#2 client-2;;");
    }

    @Test
    void aRunsLogsAreCutByTheJournalsWindows() throws IOException {
        Path run = tmp.resolve("runs/20261124-120000-abcd");
        Path logs = run.resolve("logs");
        Files.createDirectories(logs.resolve("server/server-1"));
        Files.createDirectories(logs.resolve("client/client-1"));
        Files.writeString(run.resolve("journal.jsonl"), """
                {"t":"2026-11-24T11:59:00Z","event":"host","host":"server-1"}
                {"t":"2026-11-24T12:00:05.123Z","event":"window","test":"iperf","pattern":"a","host":"client-1","role":"client","start":"2026-11-24T12:00:01Z","end":"2026-11-24T12:00:02.500Z","exit":0}
                {"t":"2026-11-24T12:00:05.123Z","event":"window","test":"iperf","pattern":"b","host":"client-1","role":"client","start":"2026-11-24T12:00:03Z","end":"2026-11-24T12:00:04Z","exit":0}
                {"t":"2026-11-24T12:00:05.123Z","event":"window","test":"iperf","pattern":"b","host":"client-2","role":"client","start":"2026-11-24T12:00:03.5Z","end":"2026-11-24T12:00:05Z","exit":3}
                """);
        Files.writeString(logs.resolve("server/server-1/dstat.log"), """
                ----system---- --total-cpu-usage-- -net/total-
                     time     |usr sys idl wai stl| recv  send
                24-11 12:00:00|  1   1  98   0   0|   0     0
                24-11 12:00:01| 10   0  90   0   0|   1k    0
                24-11 12:00:02| 20   0  80   0   0|   3k    0
                24-11 12:00:03| 30   0  70   0   0|   0     0
                24-11 12:00:04| 40   0  60   0   0|   0     0
                24-11 12:00:05| 50   0  50   0   0|   0     0
                24-11 12:00:06|  1   1  98   0   0|   0     0
                """);
        Files.writeString(logs.resolve("client/client-1/iperf-b.txt"), "[  3]  0.0-1.0 sec  10.0 MBytes  80.0 Mbits/sec\n");
        assertThat(analyze("--runs-dir", tmp.resolve("runs").toString(), "--format", "csv")).isZero();
        Path report = run.resolve("report");
        // a: rows 12:00:01, 12:00:02 → usr 15, total 15; b: 12:00:03 .. 12:00:05 → usr 40, total 40
        assertThat(Files.readString(report.resolve("classic-cpu.csv"))).isEqualTo("""
                Test;Subtest;Real length;CPU usr (%);CPU sys (%);CPU total (%);CPU wait (%)
                iperf;a;2;15.00;0.00;15.00;0.00
                iperf;b;3;40.00;0.00;40.00;0.00
                """);
        // the file names pattern b: its client belongs there
        assertThat(Files.readString(report.resolve("classic-bandwidth.csv"))).contains("iperf;b;all;1;10.00;80.00;80.00");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 segments");
        assertThat(Files.readString(report.resolve("problems.txt"))).contains("journal.jsonl:4: host client-2 ran iperf/b with exit 3");
    }

    @Test
    void segmentOptionOverridesAndAdds() throws IOException {
        Path logs = tmp.resolve("logs");
        Files.createDirectories(logs);
        Files.copy(Path.of("src/test/resources/fixtures/dstat/dstat.txt"), logs.resolve("dstat.txt"));
        assertThat(analyze(logs.toString(), "--out", tmp.resolve("r").toString(), "--format", "csv",
                "--segment", "warm=20:23:55..20:23:56", "--segment", "load/x=20:23:57..20:23:59")).isZero();
        // warm: rows 55, 56 → usr (1+1)/2, total (2+3)/2; load/x: 57..59 → usr (2+6+2)/3, total (4+10+5)/3
        assertThat(Files.readString(tmp.resolve("r/classic-cpu.csv"))).isEqualTo("""
                Test;Subtest;Real length;CPU usr (%);CPU sys (%);CPU total (%);CPU wait (%)
                load;x;3;3.33;2.67;6.33;0.00
                warm;;2;1.00;1.00;2.50;0.00
                """);
    }

    @Test
    void withoutAJournalTheIperfLogsOwnTimesCutOneDstatFile() throws IOException {
        Path test = tmp.resolve("logs/t");
        Files.createDirectories(test);
        // real iperf3 JSON: started 1795551771 = 20:22:51 for 3.000267 s, and 1795551775 = 20:22:55 for 3.000237 s
        Files.copy(Path.of("src/test/resources/fixtures/iperf3/iperf3-tcp.json"), test.resolve("iperf-a-client-1.json"));
        Files.copy(Path.of("src/test/resources/fixtures/iperf3/iperf3-udp.json"), test.resolve("iperf-b-client-1.json"));
        StringBuilder dstat = new StringBuilder("\"system\",\"total cpu usage\",,,,,\"net/total\",\n"
                + "\"time\",\"usr\",\"sys\",\"idl\",\"wai\",\"stl\",\"recv\",\"send\"\n");
        for (int s = 50; s <= 59; s++) dstat.append("24-11 20:22:").append(s).append(',').append(s - 50).append(",0,").append(100 - (s - 50)).append(",0,0,0,0\n");
        Files.writeString(test.resolve("dstat.csv"), dstat.toString());
        assertThat(analyze(test.toString(), "--format", "csv")).isZero();
        // a: 20:22:51 .. 20:22:54.000267 → rows 51..54, usr 1..4 → mean 2.5; b: 20:22:55 .. 20:22:58.000237 → usr 5..8 → 6.5
        assertThat(Files.readString(test.resolve("report/classic-cpu.csv"))).isEqualTo("""
                Test;Subtest;Real length;CPU usr (%);CPU sys (%);CPU total (%);CPU wait (%)
                t;a;4;2.50;0.00;2.50;0.00
                t;b;4;6.50;0.00;6.50;0.00
                """);
    }

    @Test
    void templatesCanBeRestyledWithoutJava() throws IOException {
        Path templates = Files.createDirectories(tmp.resolve("my-templates"));
        Files.writeString(templates.resolve("trac.ftl"), "<#list rows as row>${row[0]}/${row[1]}=${row?last}\n</#list>");
        assertThat(analyze(CLASSIC.toString(), "--out", tmp.resolve("r").toString(), "--format", "trac,mediawiki",
                "--templates", templates.toString())).isZero();
        assertThat(Files.readString(tmp.resolve("r/classic-cpu.trac"))).isEqualTo("test1/10s=3.75\ntest1/20s=2.50\n");
        // the formats not restyled keep the built-in template
        assertThat(Files.readString(tmp.resolve("r/classic-cpu.mediawiki"))).startsWith("{| border=\"1\"");
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(analyze(CLASSIC.toString(), "--format", "pdf")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown format 'pdf'");
        assertThat(analyze(CLASSIC.toString(), "--segment", "nonsense")).isEqualTo(2);
        assertThat(analyze(tmp.resolve("missing").toString())).isEqualTo(2);
        assertThat(analyze("--runs-dir", tmp.toString())).isEqualTo(2);
    }

    @Test
    void aFolderWithNoKnownLogExitsOneAndListsTheFiles() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "hello\n");
        assertThat(analyze(tmp.toString(), "--out", tmp.resolve("r").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 file not counted, see " + tmp.resolve("r/problems.txt"));
        assertThat(Files.readString(tmp.resolve("r/problems.txt"))).contains("notes.txt: not counted: unknown kind of log");
    }

    @Test
    void filesNotCountedAreOneLineOnTheTerminalAndListedInProblemsTxt() throws IOException {
        Path logs = Files.createDirectories(tmp.resolve("logs/test1"));
        try (Stream<Path> files = Files.list(CLASSIC)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, logs.resolve(f.getFileName()));
        }
        for (int i = 1; i <= 7; i++) Files.writeString(logs.resolve("nginx-" + i + ".log"), "127.0.0.1 - - \"GET / HTTP/1.1\" 200\n");
        Path report = tmp.resolve("report");
        assertThat(analyze(logs.getParent().toString(), "--out", report.toString(), "--format", "csv")).isZero();

        String terminal = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(terminal.lines().filter(l -> l.contains("not counted"))).containsExactly(
                "7 files not counted, see " + report.resolve("problems.txt"));
        assertThat(terminal).doesNotContain("nginx-");
        String problems = Files.readString(report.resolve("problems.txt"));
        for (int i = 1; i <= 7; i++) assertThat(problems).contains("test1/nginx-" + i + ".log: not counted: unknown kind of log");
    }

    @Test
    void helpDescribesEveryOption() {
        assertThat(new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run("help", "analyze")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        for (String o : new String[]{"--run", "--runs-dir", "--format", "--out", "--segment", "--templates"}) assertThat(help).contains(o);
        try (Stream<String> lines = help.lines()) {
            assertThat(lines.anyMatch(l -> l.startsWith("usage: flotilla analyze [DIR]"))).isTrue();
        }
    }
}
