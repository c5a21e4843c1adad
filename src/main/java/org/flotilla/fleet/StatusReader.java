package org.flotilla.fleet;

import org.flotilla.fleet.JournalEvent.Down;
import org.flotilla.fleet.JournalEvent.HostNamed;
import org.flotilla.fleet.JournalEvent.ProviderReport;
import org.flotilla.fleet.JournalEvent.Provisioned;
import org.flotilla.fleet.JournalEvent.RunStarted;
import org.flotilla.fleet.JournalEvent.StateChanged;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's status folded from its journal as the journal grows: each {@link #read} reads only
 * the lines appended since the last one. One who follows a daemon's fleet coming up (`up
 * --detach`) asks every 100 ms; rereading a thousand hosts' journal each time made that
 * quadratic. Only whole lines count: a line still being written waits for its newline.
 */
public final class StatusReader {
    private final Run run;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, HostState> states = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final Map<String, Map<HostState, Instant>> reached = new LinkedHashMap<>();
    private final List<String> report = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
    private String provider;
    private Instant start;
    private boolean provisioned;
    private String downReason;
    private boolean down;
    private long position;

    public StatusReader(Run run) {
        this.run = run;
    }

    /** The status with everything journaled so far. */
    public synchronized RunStatus read() {
        try (FileChannel in = FileChannel.open(run.journal(), StandardOpenOption.READ)) {
            in.position(position);
            int n;
            while ((n = in.read(chunk.clear())) > 0) {
                position += n;
                byte[] bytes = chunk.array();
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (bytes[i] != '\n') continue;
                    partial.write(bytes, from, i - from);
                    fold(partial.toString(StandardCharsets.UTF_8));
                    partial.reset();
                    from = i + 1;
                }
                partial.write(bytes, from, n - from);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + run.journal(), e);
        }
        return status();
    }

    private void fold(String line) {
        if (line.isBlank()) return;
        JournalCodec.Entry entry;
        try {
            entry = JournalCodec.read(line).orElse(null);
        } catch (IOException torn) {
            return; // a line cut by a crash mid-write: everything before it stands
        }
        if (entry == null) return; // an event status does not show
        Instant t = entry.t();
        JournalEvent event = entry.event();
        if (event instanceof RunStarted r) {
            provider = r.provider();
            start = t;
        } else if (event instanceof HostNamed n) {
            hosts.put(n.host(), Host.named(n.role(), n.index(), n.providerId(), n.user()));
        } else if (event instanceof StateChanged c) {
            Host h = hosts.get(c.host());
            if (h == null) return;
            String id = c.host();
            HostState s = c.state();
            if (c.address() != null) hosts.put(id, h.at(c.address(), c.port() == null ? 0 : c.port()));
            states.put(id, s);
            if (s == HostState.FAILED || s == HostState.INTERRUPTED) errors.put(id, c.error() == null ? "" : c.error());
            else if (s != HostState.TERMINATED) errors.remove(id); // a terminated host keeps why it failed
            reached.computeIfAbsent(id, k -> new EnumMap<>(HostState.class)).put(s, t);
        } else if (event instanceof Provisioned) {
            provisioned = true;
        } else if (event instanceof Down d) {
            down = true;
            if (d.reason() != null) downReason = d.reason();
        } else if (event instanceof ProviderReport r) {
            if (r.lines() != null) report.addAll(r.lines());
        }
    }

    private RunStatus status() {
        List<RunStatus.HostStatus> out = new ArrayList<>(hosts.size());
        for (Host h : hosts.values()) {
            Map<HostState, Instant> times = reached.get(h.id());
            out.add(new RunStatus.HostStatus(h, states.getOrDefault(h.id(), HostState.REQUESTED), errors.get(h.id()),
                    times == null ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(times))));
        }
        out.sort(Comparator.comparing((RunStatus.HostStatus s) -> s.host().role()).thenComparingInt(s -> s.host().index()));
        return new RunStatus(run.id(), provider, start, out, provisioned, List.copyOf(report), downReason, down);
    }
}
