package org.flotilla.output;

import org.flotilla.fleet.SecretMask;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A terminal (or a daemon's log) that never shows a secret: what is printed goes out a line at a
 * time through {@link SecretMask}. A flush sends a partial line too, so a progress line redrawn
 * in place still moves.
 */
public final class MaskedStream extends PrintStream {
    private final PrintStream unmasked;

    private MaskedStream(PrintStream unmasked) {
        super(new Lines(unmasked), true, StandardCharsets.UTF_8);
        this.unmasked = unmasked;
    }

    /** {@code to}, masked (once: a masked stream is returned as it is). */
    public static PrintStream of(PrintStream to) {
        return to instanceof MaskedStream ? to : new MaskedStream(to);
    }

    /**
     * Prints a line as it is: for the one line that shows a new secret on purpose, once, to the
     * user who asked for the run. Nothing else may use it.
     */
    public static void showOnce(PrintStream out, String line) {
        PrintStream to = out instanceof MaskedStream m ? m.unmasked : out;
        out.flush();
        to.println(line);
        to.flush();
    }

    /** Holds bytes until a line ends (or a flush), then writes that line masked. */
    private static final class Lines extends OutputStream {
        private final OutputStream to;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(OutputStream to) {
            this.to = to;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            line.write(b);
            if (b == '\n') emit();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    line.write(b, start, i + 1 - start);
                    emit();
                    start = i + 1;
                }
            }
            line.write(b, start, off + len - start);
        }

        @Override
        public synchronized void flush() throws IOException {
            emit();
            to.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            flush();
        }

        private void emit() throws IOException {
            if (line.size() == 0) return;
            to.write(SecretMask.apply(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
