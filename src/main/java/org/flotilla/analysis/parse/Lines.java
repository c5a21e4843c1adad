package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a log with their numbers. Reads bytes in blocks and cuts lines at a bounded
 * length, because a garbage file without newlines must not make one line as big as the file.
 */
public final class Lines {
    /** Longer lines are cut here; no log line of the tools we read comes near it. */
    public static final int MAX_LINE = 16 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int end;
    private long number;
    private boolean cut;
    private boolean eof;

    public Lines(InputStream in) {
        this.in = in;
    }

    /** The next line without its end-of-line, or null at the end. */
    public String next() throws IOException {
        byte[] line = null;
        int len = 0;
        cut = false;
        while (true) {
            if (pos == end) {
                if (eof || !fill()) {
                    if (line == null && len == 0) return null;
                    return finish(line, len);
                }
            }
            int i = pos;
            while (i < end && buf[i] != '\n') i++;
            int take = i - pos;
            if (line == null && i < end && take <= MAX_LINE) {
                String s = decode(buf, pos, take);
                pos = i + 1;
                number++;
                return s;
            }
            if (line == null) line = new byte[Math.min(MAX_LINE, Math.max(256, take))];
            int room = MAX_LINE - len;
            int copy = Math.min(room, take);
            if (len + copy > line.length) line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(len + copy, line.length * 2)));
            System.arraycopy(buf, pos, line, len, copy);
            len += copy;
            if (take > room) cut = true;
            if (i < end) {
                pos = i + 1;
                return finish(line, len);
            }
            pos = end;
        }
    }

    /** The number of the line {@link #next} returned last, from 1. */
    public long number() {
        return number;
    }

    /** Whether the last line was longer than {@link #MAX_LINE} and was cut. */
    public boolean wasCut() {
        return cut;
    }

    private String finish(byte[] line, int len) {
        number++;
        return decode(line == null ? new byte[0] : line, 0, len);
    }

    private static String decode(byte[] b, int off, int len) {
        if (len > 0 && b[off + len - 1] == '\r') len--;
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            pos = end = 0;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }
}
