package org.flotilla.analysis;

import org.flotilla.analysis.parse.BandwidthPoint;
import org.flotilla.analysis.parse.ClientResult;
import org.flotilla.analysis.parse.CpuSample;
import org.flotilla.analysis.parse.LocustPoint;
import org.flotilla.analysis.parse.LocustStats;
import org.flotilla.analysis.parse.LogSink;
import org.flotilla.analysis.parse.SiegeResult;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * What one log's parser puts in its sink, carried from the thread that parses to the one that folds,
 * in the parser's order and in a few chunks at a time: sampler logs are parsed on every core while
 * their samples are still folded one file after the other, so the figures are the same every time
 * and memory does not grow with the size of a file.
 */
final class Relay implements LogSink {
    private static final int CHUNK = 1024;
    private static final int CHUNKS_AHEAD = 4;

    // an empty chunk ends the file
    private final BlockingQueue<List<Consumer<LogSink>>> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private List<Consumer<LogSink>> chunk = new ArrayList<>(CHUNK);

    @Override
    public void result(ClientResult r) {
        add(s -> s.result(r));
    }

    @Override
    public void bandwidth(BandwidthPoint p) {
        add(s -> s.bandwidth(p));
    }

    @Override
    public void cpu(CpuSample c) {
        add(s -> s.cpu(c));
    }

    @Override
    public void siege(SiegeResult r) {
        add(s -> s.siege(r));
    }

    @Override
    public void locust(LocustStats l) {
        add(s -> s.locust(l));
    }

    @Override
    public void locustPoint(LocustPoint p) {
        add(s -> s.locustPoint(p));
    }

    /** The parsing thread's last word on the file, whatever happened to it. */
    void finish() {
        if (!chunk.isEmpty()) put(chunk);
        put(new ArrayList<>(0));
    }

    /** Hands every sample to the sink in the order the parser made them, as they come, until the file is finished. */
    void drainTo(LogSink sink) throws InterruptedIOException {
        try {
            for (List<Consumer<LogSink>> c = chunks.take(); !c.isEmpty(); c = chunks.take()) {
                for (Consumer<LogSink> sample : c) sample.accept(sink);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("analysis interrupted");
        }
    }

    private void add(Consumer<LogSink> sample) {
        chunk.add(sample);
        if (chunk.size() == CHUNK) {
            put(chunk);
            chunk = new ArrayList<>(CHUNK);
        }
    }

    private void put(List<Consumer<LogSink>> c) {
        try {
            chunks.put(c);
        } catch (InterruptedException e) {
            // the folding side gave up (the analysis failed or was stopped): so does this parse
            Thread.currentThread().interrupt();
            throw new IllegalStateException("analysis interrupted", e);
        }
    }
}
