package org.flotilla.fleet;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's journal: one {@link JournalEvent} per line, as {@link JournalCodec} writes it, appended
 * (secrets masked). {@link #append} returns once its line is on disk; {@link #record} only queues a line, which goes to disk with the next forced write
 * (another append, or the journal's writer a few milliseconds later). Many threads append at
 * once; whoever holds the write lock writes every pending line and forces them to disk together
 * (group commit), so fsync cost does not grow with the fleet.
 */
public final class Journal implements Closeable {
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

    /** Appends the event; returns once it is on disk. */
    public void append(JournalEvent event) {
        appendAll(List.of(event));
    }

    /** Appends the events, written and forced to disk together. */
    public void appendAll(List<? extends JournalEvent> events) {
        if (events.isEmpty()) return;
        force(queue(events));
    }

    /**
     * Appends an event without waiting for the disk: for what a crash may lose without leaving a
     * machine `down` cannot find (state changes; the hosts themselves are {@link #append}ed).
     * Order is kept: a recorded line is on disk before any line appended after it.
     */
    public void record(JournalEvent event) {
        queue(List.of(event));
    }

    /** Forces every line appended or recorded so far to disk. */
    public void flush() {
        long upTo;
        synchronized (pending) {
            upTo = appended;
        }
        force(upTo);
    }

    private long queue(List<? extends JournalEvent> events) {
        Instant now = Instant.now();
        StringBuilder text = new StringBuilder();
        for (JournalEvent event : events) {
            text.append(SecretMask.apply(JournalCodec.line(now, event))).append('\n');
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
