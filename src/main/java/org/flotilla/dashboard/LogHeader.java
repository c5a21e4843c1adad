package org.flotilla.dashboard;

import org.flotilla.analysis.parse.BandwidthPoint;
import org.flotilla.analysis.parse.ClientResult;
import org.flotilla.analysis.parse.CpuSample;
import org.flotilla.analysis.parse.KindDetector;
import org.flotilla.analysis.parse.LocustPoint;
import org.flotilla.analysis.parse.LocustStats;
import org.flotilla.analysis.parse.LogKind;
import org.flotilla.analysis.parse.LogSink;
import org.flotilla.analysis.parse.Origin;
import org.flotilla.analysis.parse.Problems;
import org.flotilla.analysis.parse.SiegeResult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Year;
import java.util.Arrays;
import java.util.Optional;

/**
 * The lines at the start of a headed log ({@link LogKind#isHeaded}) that its later rows are read by:
 * the lines before the first one its own parser reads a sample from. Each format's rule for its
 * header thus stays in its parser, and the live reader puts these lines in front of every later
 * part of the file it reads.
 */
final class LogHeader {
    private LogHeader() {
    }

    /**
     * The header in a file's first bytes (whole lines only); empty while they hold no sample yet, since the
     * header may not be complete either. A full head ({@link KindDetector#HEAD}) without a sample has no header to find.
     */
    static Optional<byte[]> in(LogKind kind, byte[] head) {
        int lineStart = 0;
        for (int i = 0; i < head.length; i++) {
            if (head[i] != '\n') continue;
            if (yieldsSample(kind, Arrays.copyOf(head, i + 1))) return Optional.of(Arrays.copyOf(head, lineStart));
            lineStart = i + 1;
        }
        return head.length >= KindDetector.HEAD ? Optional.of(new byte[0]) : Optional.empty();
    }

    private static boolean yieldsSample(LogKind kind, byte[] lines) {
        boolean[] seen = {false};
        LogSink sink = new LogSink() {
            @Override
            public void result(ClientResult r) {
                seen[0] = true;
            }

            @Override
            public void bandwidth(BandwidthPoint p) {
                seen[0] = true;
            }

            @Override
            public void cpu(CpuSample s) {
                seen[0] = true;
            }

            @Override
            public void siege(SiegeResult r) {
                seen[0] = true;
            }

            @Override
            public void locust(LocustStats s) {
                seen[0] = true;
            }

            @Override
            public void locustPoint(LocustPoint p) {
                seen[0] = true;
            }
        };
        try {
            kind.parser(Year.now().getValue()).parse(new Origin(Path.of("head"), "head", null, null, null, null),
                    new ByteArrayInputStream(lines), sink, new Problems());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail to read
        }
        return seen[0];
    }
}
