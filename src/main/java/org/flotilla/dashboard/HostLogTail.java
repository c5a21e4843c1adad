package org.flotilla.dashboard;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The end of a host's log (runs/ID/hosts/HOST.log): where a failed host says why. */
final class HostLogTail {
    static final int BYTES = 16 * 1024;

    private HostLogTail() {
    }

    static String of(Path log) throws IOException {
        if (!Files.isRegularFile(log)) return "";
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, f.length() - BYTES);
            byte[] b = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(b);
            String text = new String(b, StandardCharsets.UTF_8);
            // a cut first line is dropped: whole lines only
            return from == 0 ? text : text.substring(text.indexOf('\n') + 1);
        }
    }
}
