package org.flotilla.dashboard;

import org.flotilla.analysis.parse.KindDetector;
import org.flotilla.analysis.parse.LogKind;
import org.flotilla.ssh.Remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * How far one remote log has been read (whole lines only), what kind of log it is once its head tells,
 * and, for a headed log (a CSV's column names), the header its later parts are read with.
 */
final class LogCursor {
    /** The most read from one file in one look: a log that races ahead is caught up over several looks. */
    private static final int MOST = 1 << 20;
    private final String path;
    private long offset;
    private Optional<LogKind> kind;
    /** A headed log's header once its head shows it (null before, and for logs whose lines stand alone). */
    private byte[] header;

    /** @param offset where reading starts: the size the file had before the test (what it held is not this test's) */
    LogCursor(String path, long offset) {
        this.path = path;
        this.offset = offset;
    }

    /**
     * The whole lines written since the last look (empty when none), given the file's size now; a headed
     * log's lines come after the part of its header they do not hold, so that its parser reads them as it reads the whole file.
     */
    byte[] next(Remote remote, long size) throws IOException {
        if (size < offset) offset = 0; // truncated or replaced: read it anew
        if (size == offset) return new byte[0];
        if (kind == null || header == null && kind.filter(LogKind::isHeaded).isPresent()) knowHead(remote, size);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        remote.read(path, offset, Math.min(size, offset + MOST), out);
        byte[] read = out.toByteArray();
        int end = read.length;
        while (end > 0 && read[end - 1] != '\n') end--;
        long from = offset;
        offset += end; // a line still being written waits for the next look
        return behind(header, from, Arrays.copyOf(read, end));
    }

    /**
     * Lines read from offset {@code from} of a file, behind the part of its header (if it has one) that they
     * do not hold: all of it, or, while the file is young, the header's bytes before {@code from}.
     */
    static byte[] behind(byte[] header, long from, byte[] lines) {
        int before = header == null || lines.length == 0 ? 0 : (int) Math.min(header.length, from);
        if (before == 0) return lines;
        byte[] out = Arrays.copyOf(header, before + lines.length);
        System.arraycopy(lines, 0, out, before, lines.length);
        return out;
    }

    /** Reads the file's first bytes (once, or again for a headed log until its header shows): its kind, its header. */
    private void knowHead(Remote remote, long size) throws IOException {
        byte[] head = head(remote, Math.min(size, KindDetector.HEAD));
        if (kind == null) kind = KindDetector.detect(head, head.length);
        if (kind.filter(LogKind::isHeaded).isPresent()) header = LogHeader.in(kind.get(), head).orElse(null);
    }

    Optional<LogKind> kind() {
        return kind == null ? Optional.empty() : kind;
    }

    String path() {
        return path;
    }

    private byte[] head(Remote remote, long n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        remote.read(path, 0, n, out);
        return out.toByteArray();
    }
}
