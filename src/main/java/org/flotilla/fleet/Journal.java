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
 * The run's journal: one JSON object per line, appended, on disk before {@link #append} returns.
 * Many threads append at once; whoever holds the write lock writes every pending line and
 * forces them to disk together (group commit), so fsync cost does not grow with the fleet.
 */
public final class Journal implements Closeable {
    static final ObjectMapper JSON = new ObjectMapper();

    // A stream, not a FileChannel: an interrupted thread closes a channel for everyone (and the
    // daemon interrupts its workers when it stops), while a stream's write and sync just finish.
    private final FileOutputStream out;
    private final Object writeLock = new Object();
    private final List<byte[]> pending = new ArrayList<>();
    private long appended;
    private long written;

    public Journal(Path file) {
        try {
            out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
    }

    /** Appends {"t": now, "event": event, ...fields}; returns once it is on disk. */
    public void append(String event, Map<String, ?> fields) {
        appendAll(event, List.of(fields));
    }

    /** Appends one event per item, written and forced to disk together. */
    public void appendAll(String event, List<? extends Map<String, ?>> items) {
        if (items.isEmpty()) return;
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
                text.append(JSON.writeValueAsString(line)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long mine;
        synchronized (pending) {
            pending.add(bytes);
            mine = ++appended;
        }
        synchronized (writeLock) {
            if (written >= mine) return;
            List<byte[]> batch;
            long upTo;
            synchronized (pending) {
                batch = new ArrayList<>(pending);
                pending.clear();
                upTo = appended;
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
            written = upTo;
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // closing after the last forced write loses nothing
        }
    }
}
