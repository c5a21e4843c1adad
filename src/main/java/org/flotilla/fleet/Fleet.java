package org.flotilla.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live fleet of a run: every host and its state. Every change goes to the journal first,
 * then to the listeners (progress line, role gates).
 */
public final class Fleet {
    /** Told of every state change, on the thread that made it. */
    public interface Listener {
        void changed(Host host, HostState state, String error);
    }

    private final Journal journal;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();
    private final Map<String, HostState> states = new ConcurrentHashMap<>();
    private final Map<String, String> errors = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public Fleet(Journal journal) {
        this.journal = journal;
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    public Journal journal() {
        return journal;
    }

    /** The provider has named hosts: journal them (one forced write) before anything waits on them. */
    public void named(List<Host> named) {
        for (Host host : named) hosts.put(host.id(), host);
        journal.appendAll(named.stream().map(JournalEvent.HostNamed::of).toList());
        for (Host host : named) set(host, HostState.REQUESTED, null);
    }

    public void named(Host host) {
        named(List.of(host));
    }

    /** Adopts a host known from an earlier process (the journal), without journaling it again. */
    public void adopt(Host host, HostState state, String error) {
        hosts.put(host.id(), host);
        states.put(host.id(), state);
        if (error != null) errors.put(host.id(), error);
    }

    /** The host runs and has an address. */
    public void booting(Host withAddress) {
        hosts.put(withAddress.id(), withAddress);
        set(withAddress, HostState.BOOTING, null);
    }

    public void set(Host host, HostState state, String error) {
        boolean booting = state == HostState.BOOTING;
        // A lost state line costs a stale status after a crash, never a machine `down` cannot find.
        journal.record(new JournalEvent.StateChanged(host.id(), state, booting ? host.address() : null,
                booting ? host.port() : null, error));
        states.put(host.id(), state);
        if (error != null) errors.put(host.id(), error);
        else if (state != HostState.FAILED) errors.remove(host.id());
        for (Listener l : listeners) l.changed(host, state, error);
    }

    public HostState state(String id) {
        return states.get(id);
    }

    public String error(String id) {
        return errors.get(id);
    }

    public Host host(String id) {
        return hosts.get(id);
    }

    /** All hosts, by role then index. */
    public List<Host> hosts() {
        List<Host> all = new ArrayList<>(hosts.values());
        all.sort(Comparator.comparing(Host::role).thenComparingInt(Host::index));
        return all;
    }

    public List<Host> hostsOf(String role) {
        return hosts().stream().filter(h -> h.role().equals(role)).toList();
    }

    public Map<HostState, Integer> counts() {
        Map<HostState, Integer> counts = new EnumMap<>(HostState.class);
        for (HostState s : states.values()) counts.merge(s, 1, Integer::sum);
        return counts;
    }
}
