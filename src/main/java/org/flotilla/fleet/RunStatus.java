package org.flotilla.fleet;

import org.flotilla.fleet.JournalEvent.Down;
import org.flotilla.fleet.JournalEvent.HostNamed;
import org.flotilla.fleet.JournalEvent.ProviderReport;
import org.flotilla.fleet.JournalEvent.Provisioned;
import org.flotilla.fleet.JournalEvent.RunStarted;
import org.flotilla.fleet.JournalEvent.StateChanged;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run as its journal tells it: each host's latest state, and when it reached each state.
 *
 * @param report what the provider said at the end of `up` (e.g. API calls made)
 * @param downReason why the daemon tore the fleet down by itself (idle-stop), or null
 * @param down whether a `down` has been journaled
 */
public record RunStatus(String runId, String provider, Instant start, List<HostStatus> hosts, boolean provisioned,
                        List<String> report, String downReason, boolean down) {

    /** One host as the journal last saw it. */
    public record HostStatus(Host host, HostState state, String error, Map<HostState, Instant> reached) {
    }

    public static RunStatus read(Run run) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        Map<String, HostState> states = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Map<HostState, Instant>> reached = new LinkedHashMap<>();
        String provider = null;
        Instant start = null;
        boolean provisioned = false;
        String downReason = null;
        boolean down = false;
        List<String> report = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(run.journal())) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                JournalCodec.Entry entry;
                try {
                    entry = JournalCodec.read(line).orElse(null);
                } catch (IOException torn) {
                    continue; // a line cut by a crash mid-write: everything before it stands
                }
                if (entry == null) continue; // an event status does not show
                Instant t = entry.t();
                JournalEvent event = entry.event();
                if (event instanceof RunStarted r) {
                    provider = r.provider();
                    start = t;
                } else if (event instanceof HostNamed n) {
                    hosts.put(n.host(), Host.named(n.role(), n.index(), n.providerId(), n.user()));
                } else if (event instanceof StateChanged c) {
                    Host h = hosts.get(c.host());
                    if (h == null) continue;
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + run.journal(), e);
        }
        List<HostStatus> out = new ArrayList<>();
        for (Host h : hosts.values()) {
            out.add(new HostStatus(h, states.getOrDefault(h.id(), HostState.REQUESTED), errors.get(h.id()),
                    reached.getOrDefault(h.id(), Map.of())));
        }
        out.sort(Comparator.comparing((HostStatus s) -> s.host().role()).thenComparingInt(s -> s.host().index()));
        return new RunStatus(run.id(), provider, start, out, provisioned, List.copyOf(report), downReason, down);
    }

    /** A `down` went through and left no host of the run alive. */
    public boolean terminated() {
        return down && count(HostState.TERMINATED) == hosts.size();
    }

    public long count(HostState state) {
        return hosts.stream().filter(h -> h.state() == state).count();
    }
}
