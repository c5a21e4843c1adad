package org.flotilla.dashboard;

import org.flotilla.analysis.parse.CpuSample;
import org.flotilla.analysis.parse.KindDetector;
import org.flotilla.analysis.parse.LocustPoint;
import org.flotilla.analysis.parse.LogKind;
import org.flotilla.analysis.parse.LogSink;
import org.flotilla.analysis.parse.Origin;
import org.flotilla.analysis.parse.Problems;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A headed log (Locust's stats history, dstat's CSV and text output) read the way the live figures
 * read it, a few lines per look as it grows, each part behind the file's header: every sample the
 * whole file gives, and none of them without the header.
 */
class LogHeaderTest {
    @ParameterizedTest
    @ValueSource(strings = {"locust/client-1/run_stats_history.csv", "dstat-csv/pcp-dstat.csv", "dstat/dstat.txt"})
    void aLogReadInPartsBehindItsHeaderGivesWhatTheWholeFileGives(String fixture) throws IOException {
        byte[] file = Files.readAllBytes(Path.of("src/test/resources/fixtures").resolve(fixture));
        LogKind kind = KindDetector.detect(file, Math.min(file.length, KindDetector.HEAD)).orElseThrow();
        assertThat(kind.isHeaded()).isTrue();

        List<String> whole = samples(kind, file);
        List<String> behindHeader = new ArrayList<>();
        List<String> alone = new ArrayList<>();
        byte[] header = null;
        int from = 0;
        // the first look sees one line (a young file: its header is not complete yet), then two lines a look
        for (int lines = 1; from < file.length; lines = 2) {
            int to = from;
            for (int n = 0; n < lines && to < file.length; to++) if (file[to] == '\n') n++;
            if (header == null) header = LogHeader.in(kind, Arrays.copyOf(file, Math.min(to, KindDetector.HEAD))).orElse(null);
            byte[] part = Arrays.copyOfRange(file, from, to);
            behindHeader.addAll(samples(kind, LogCursor.behind(header, from, part)));
            alone.addAll(samples(kind, part));
            from = to;
        }

        assertThat(whole).hasSizeGreaterThanOrEqualTo(3);
        assertThat(behindHeader).isEqualTo(whole);
        assertThat(alone).as("parts read without the header").hasSizeLessThanOrEqualTo(1);
    }

    private static List<String> samples(LogKind kind, byte[] lines) throws IOException {
        List<String> out = new ArrayList<>();
        kind.parser(2026).parse(new Origin(Path.of("log"), "log", null, "h", null, null), new ByteArrayInputStream(lines), new LogSink() {
            @Override
            public void cpu(CpuSample s) {
                out.add(s.time() + " idle " + s.idl() + " recv " + s.recv());
            }

            @Override
            public void locustPoint(LocustPoint p) {
                out.add(p.time() + " " + p.requestsPerSecond() + " requests/s, median " + p.medianMs());
            }
        }, new Problems());
        return out;
    }
}
