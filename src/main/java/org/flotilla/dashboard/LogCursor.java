package org.flotilla.dashboard;

import org.flotilla.analysis.parse.KindDetector;
import org.flotilla.analysis.parse.LogKind;
import org.flotilla.ssh.Remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/** How far one remote log has been read (whole lines only), and what kind of log it is once its head tells. */
final class LogCursor {
    /** The most read from one file in one look: a log that races ahead is caught up over several looks. */
    private static final int MOST = 1 << 20;
    private final String path;
    private long offset;
    private Optional<LogKind> kind;

    /** @param offset where reading starts: the size the file had before the test (what it held is not this test's) */
    LogCursor(String path, long offset) {
        this.path = path;
        this.offset = offset;
    }

    /** The whole lines written since the last look (empty when none), given the file's size now. */
    byte[] next(Remote remote, long size) throws IOException {
        if (size < offset) offset = 0; // truncated or replaced: read it anew
        if (size == offset) return new byte[0];
        if (kind == null) kind = KindDetector.detect(head(remote, Math.min(size, KindDetector.HEAD)), (int) Math.min(size, KindDetector.HEAD));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        remote.read(path, offset, Math.min(size, offset + MOST), out);
        byte[] read = out.toByteArray();
        int end = read.length;
        while (end > 0 && read[end - 1] != '\n') end--;
        offset += end; // a line still being written waits for the next look
        return Arrays.copyOf(read, end);
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
