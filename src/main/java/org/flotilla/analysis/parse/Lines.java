package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a log with their numbers. Reads bytes in large blocks and hands each line over as a
 * range of its buffer ({@link #advance}, {@link #bytes}, {@link #from}, {@link #to}), so that a
 * parser of millions of lines can read them without a String each; {@link #next} decodes for the
 * rest. Lines are cut at a bounded length, because a garbage file without newlines must not make
 * one line as big as the file.
 */
public final class Lines {
    /** Longer lines are cut here; no log line of the tools we read comes near it. */
    public static final int MAX_LINE = 16 * 1024;
    private static final int BLOCK = 256 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;

    /** One block per thread, lent to one Lines at a time: thousands of small logs must not cost a fresh, zeroed block each. */
    private static final ThreadLocal<byte[]> SPARE = new ThreadLocal<>();

    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int end;
    private int from;
    private int to;
    private long number;
    private boolean cut;
    private boolean skipping;
    private boolean eof;

    public Lines(InputStream in) {
        this.in = in;
        byte[] spare = SPARE.get();
        if (spare != null) SPARE.remove();
        this.buf = spare != null ? spare : new byte[BLOCK];
    }

    /** Moves to the next line; false at the end. The line stays in {@link #bytes} until the next call. */
    public boolean advance() throws IOException {
        if (buf == null) return false;
        cut = false;
        int scan = pos;
        while (true) {
            int nl = indexOfNewline(scan);
            if (nl >= 0) {
                if (skipping) {
                    // the rest of a line already handed over cut
                    skipping = false;
                    pos = scan = nl + 1;
                    continue;
                }
                if (nl - pos > MAX_LINE) {
                    cut = true;
                    return take(pos + MAX_LINE, nl + 1);
                }
                return take(nl, nl + 1);
            }
            if (skipping) {
                pos = scan = end;
            } else if (end - pos >= MAX_LINE) {
                cut = true;
                skipping = true;
                return take(pos + MAX_LINE, pos + MAX_LINE);
            }
            if (eof) {
                if (skipping || pos == end) return release();
                return take(end, end);
            }
            scan = end - pos;
            fill();
        }
    }

    /** The next line without its end-of-line, decoded, or null at the end. */
    public String next() throws IOException {
        return advance() ? text() : null;
    }

    /** The buffer holding the current line, from {@link #from} to {@link #to} (without its end-of-line). */
    public byte[] bytes() {
        return buf;
    }

    public int from() {
        return from;
    }

    public int to() {
        return to;
    }

    /** The current line, decoded. */
    public String text() {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    /** The number of the current line, from 1. */
    public long number() {
        return number;
    }

    /** Whether the current line was longer than {@link #MAX_LINE} and was cut. */
    public boolean wasCut() {
        return cut;
    }

    /** At the end the block goes back to the thread for the next file's Lines; false, for advance to return. */
    private boolean release() {
        SPARE.set(buf);
        buf = null;
        return false;
    }

    private boolean take(int lineEnd, int next) {
        from = pos;
        to = lineEnd > from && buf[lineEnd - 1] == '\r' && !cut ? lineEnd - 1 : lineEnd;
        pos = next;
        number++;
        return true;
    }

    /** Eight bytes at a time (a zero byte of word ^ newlines is a newline): the search is a fifth of the iperf2 parse otherwise. */
    private int indexOfNewline(int scan) {
        byte[] b = buf;
        int e = end;
        int i = scan;
        for (; i + Long.BYTES <= e; i += Long.BYTES) {
            long w = (long) LONGS.get(b, i) ^ NEWLINES;
            long zero = (w - 0x0101010101010101L) & ~w & 0x8080808080808080L;
            if (zero != 0) return i + (Long.numberOfTrailingZeros(zero) >>> 3);
        }
        for (; i < e; i++) if (b[i] == '\n') return i;
        return -1;
    }

    /** Moves what is left of the block to its start and reads more after it. */
    private void fill() throws IOException {
        int left = end - pos;
        System.arraycopy(buf, pos, buf, 0, left);
        pos = 0;
        end = left;
        int n = in.read(buf, end, buf.length - end);
        if (n <= 0) eof = true;
        else end += n;
    }
}
