package org.flotilla.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's journal: one JSON object per line, appended. {@link #append} returns once its line
 * is on disk; {@link #record} only queues a line, which goes to disk with the next forced write
 * (another append, or the journal's writer a few milliseconds later). Many threads append at
 * once; whoever holds the write lock writes every pending line and forces them to disk together
 * (group commit), so fsync cost does not grow with the fleet.
 */
public final class Journal implements Closeable {
    static final ObjectMapper JSON = new ObjectMapper();
    // How long a recorded line may wait for company before the writer forces it out alone.
    private static final long RECORD_DELAY_MS = 20;

    // A stream, not a FileChannel: an interrupted thread closes a channel for everyone (and the
    // daemon interrupts its workers when it stops), while a stream's write and sync just finish.
    private final FileOutputStream out;
    private final Object writeLock = new Object();
    private final List<byte[]> pending = new ArrayList<>();
    private final Thread writer;
    private long appended;
    private long written;
    private boolean closed;

    public Journal(Path file) {
        try {
            out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
        writer = new Thread(this::writeRecorded, "journal");
        writer.setDaemon(true);
        writer.start();
    }

    /** Appends {"t": now, "event": event, ...fields}; returns once it is on disk. */
    public void append(String event, Map<String, ?> fields) {
        appendAll(event, List.of(fields));
    }

    /** Appends one event per item, written and forced to disk together. */
    public void appendAll(String event, List<? extends Map<String, ?>> items) {
        if (items.isEmpty()) return;
        force(queue(event, items));
    }

    /**
     * Appends an event without waiting for the disk: for what a crash may lose without leaving a
     * machine `down` cannot find (state changes; the hosts themselves are {@link #append}ed).
     * Order is kept: a recorded line is on disk before any line appended after it.
     */
    public void record(String event, Map<String, ?> fields) {
        queue(event, List.of(fields));
    }

    /** Forces every line appended or recorded so far to disk. */
    public void flush() {
        long upTo;
        synchronized (pending) {
            upTo = appended;
        }
        force(upTo);
    }

    private long queue(String event, List<? extends Map<String, ?>> items) {
        String now = Instant.now().toString();
        StringBuilder text = new StringBuilder();
        for (Map<String, ?> fields : items) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("t", now);
            line.put("event", event);
            fields.forEach((k, v) -> {
                if (v != null) line.put(k, v);
            });
            try {
                text.append(SecretMask.apply(JSON.writeValueAsString(line))).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        synchronized (pending) {
            pending.add(bytes);
            pending.notifyAll();
            return ++appended;
        }
    }

    private void force(long upTo) {
        synchronized (writeLock) {
            if (written >= upTo) return;
            List<byte[]> batch;
            long last;
            synchronized (pending) {
                batch = new ArrayList<>(pending);
                pending.clear();
                last = appended;
            }
            try {
                int size = batch.stream().mapToInt(b -> b.length).sum();
                ByteBuffer buf = ByteBuffer.allocate(size);
                batch.forEach(buf::put);
                out.write(buf.array(), 0, size); // one write: whole lines, appended together
                out.getFD().sync();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the journal", e);
            }
            written = last;
        }
    }

    private void writeRecorded() {
        try {
            while (true) {
                synchronized (pending) {
                    while (pending.isEmpty() && !closed) pending.wait();
                    if (closed) return;
                }
                Thread.sleep(RECORD_DELAY_MS);
                try {
                    flush();
                } catch (UncheckedIOException e) {
                    // the next append reports it to a caller who can act on it
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    @Override
    public void close() {
        synchronized (pending) {
            closed = true;
            pending.notifyAll();
        }
        try {
            flush();
        } catch (UncheckedIOException ignored) {
            // nothing more can be done about it at close
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // closing after the last forced write loses nothing
        }
    }
}
