package org.flotilla.analysis.parse;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines hands over buffer ranges: they must be the same lines, numbered the same, wherever the blocks end. */
class LinesTest {
    @Test
    void linesAcrossBlockEndsCrLfAndALastLineWithoutNewline() throws IOException {
        StringBuilder b = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            String line = "[  3] " + i + ".0-" + (i + 1) + ".0 sec  11.9 MBytes  " + "x".repeat(i % 13);
            expected.add(line);
            b.append(line).append(i % 7 == 0 ? "\r\n" : "\n");
        }
        b.append("last");
        expected.add("last");
        assertThat(read(trickle(b.toString().getBytes(StandardCharsets.UTF_8)))).isEqualTo(expected);
    }

    @Test
    void aLineLongerThanTheLimitIsCutAndTheNextLineKeepsItsNumber() throws IOException {
        String text = "a\n" + "y".repeat(Lines.MAX_LINE * 3) + "\nb\n";
        Lines lines = new Lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(lines.next()).isEqualTo("a");
        assertThat(lines.next()).hasSize(Lines.MAX_LINE);
        assertThat(lines.wasCut()).isTrue();
        assertThat(lines.next()).isEqualTo("b");
        assertThat(lines.number()).isEqualTo(3);
        assertThat(lines.next()).isNull();
    }

    @Test
    void emptyInputAndBlankLines() throws IOException {
        assertThat(read(new ByteArrayInputStream(new byte[0]))).isEmpty();
        assertThat(read(new ByteArrayInputStream("\n\nz".getBytes(StandardCharsets.UTF_8)))).containsExactly("", "", "z");
    }

    /** A finished Lines lends its block to the next one on the thread; one still reading keeps its own. */
    @Test
    void linesReadSideBySideOnOneThreadKeepTheirOwnBlocks() throws IOException {
        String a = "a1\na2\na3\n";
        String b = "b1\nb2\n";
        Lines first = new Lines(new ByteArrayInputStream(a.getBytes(StandardCharsets.UTF_8)));
        assertThat(first.next()).isEqualTo("a1");
        assertThat(read(new ByteArrayInputStream(b.getBytes(StandardCharsets.UTF_8)))).containsExactly("b1", "b2");
        Lines third = new Lines(new ByteArrayInputStream(b.getBytes(StandardCharsets.UTF_8)));
        assertThat(third.next()).isEqualTo("b1");
        assertThat(first.next()).isEqualTo("a2");
        assertThat(third.next()).isEqualTo("b2");
        assertThat(first.next()).isEqualTo("a3");
        assertThat(third.next()).isNull();
        assertThat(first.next()).isNull();
        assertThat(first.next()).isNull();
    }

    private static List<String> read(InputStream in) throws IOException {
        Lines lines = new Lines(in);
        List<String> out = new ArrayList<>();
        String s;
        while ((s = lines.next()) != null) {
            out.add(s);
            assertThat(lines.number()).isEqualTo(out.size());
        }
        return out;
    }

    /** A stream that gives odd-sized reads, as a pipe or a slow disk may. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7919));
            }
        };
    }
}
