package org.flotilla.schedule;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * One host's stderr during a fired test. The fire wrapper speaks on it: "flotilla-ready NOW" when
 * the host waits for its start instant (NOW: its clock's reading, which gives its offset from ours), "flotilla-window START END EXIT" when the command ended
 * (seconds.fraction of the host's clock). Those lines are taken out; the rest is kept, its tail
 * bounded, for the host log.
 */
final class HostOutput extends OutputStream {
    static final int KEEP = 64 * 1024;
    private final CountDownLatch ready;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder kept = new StringBuilder();
    private volatile boolean isReady;
    private volatile Duration offset = Duration.ZERO;
    private volatile Instant start;
    private volatile Instant end;
    private volatile Integer exit;

    HostOutput(CountDownLatch ready) {
        this.ready = ready;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            endLine();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) write(b[i]);
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.startsWith("flotilla-ready")) {
            if (!isReady) {
                Instant here = Instant.now();
                String[] parts = text.split(" ");
                try {
                    // Our reading is a little after the host's (one-way latency): close enough, and never in the future.
                    offset = parts.length == 2 ? Duration.between(here, instant(parts[1])) : Duration.ZERO;
                } catch (RuntimeException garbled) {
                    offset = Duration.ZERO;
                }
                isReady = true;
                ready.countDown();
            }
            return;
        }
        if (text.startsWith("flotilla-window ")) {
            String[] parts = text.split(" ");
            if (parts.length == 4) {
                try {
                    start = instant(parts[1]);
                    end = instant(parts[2]);
                    exit = Integer.parseInt(parts[3]);
                    return;
                } catch (RuntimeException garbled) {
                    // not ours after all: keep it as output
                }
            }
        }
        keep(text + "\n");
    }

    private void keep(String text) {
        kept.append(text);
        if (kept.length() > KEEP) kept.delete(0, kept.length() - KEEP);
    }

    /** "seconds.fraction" of a host's clock. */
    static Instant instant(String s) {
        int dot = s.indexOf('.');
        if (dot < 0) return Instant.ofEpochSecond(Long.parseLong(s));
        String fraction = (s.substring(dot + 1) + "000000000").substring(0, 9);
        return Instant.ofEpochSecond(Long.parseLong(s.substring(0, dot)), Long.parseLong(fraction));
    }

    synchronized String text() {
        String rest = line.toString(StandardCharsets.UTF_8);
        return kept + rest;
    }

    /** The host's clock minus ours, as measured when it said ready. */
    Duration clockOffset() {
        return offset;
    }

    boolean isReady() {
        return isReady;
    }

    Instant start() {
        return start;
    }

    Instant end() {
        return end;
    }

    Integer exit() {
        return exit;
    }
}
