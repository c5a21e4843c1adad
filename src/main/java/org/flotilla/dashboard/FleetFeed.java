package org.flotilla.dashboard;

import org.flotilla.fleet.Fleet;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Fleet view's rows, kept current by the fleet's state changes (each told after its journal
 * line). A change costs a map entry and a mark per open page; nothing is sent from here: each
 * page's stream sends what is marked, in batches.
 */
final class FleetFeed implements Fleet.Listener {
    private final Fleet fleet;
    private final Map<String, HostRow> rows = new ConcurrentHashMap<>();
    private final Pages pages;

    FleetFeed(Fleet fleet, Pages pages) {
        this.fleet = fleet;
        this.pages = pages;
        fleet.listen(this); // before the first look, so no change falls between them
        long now = System.currentTimeMillis();
        for (Host h : fleet.hosts()) {
            HostState state = fleet.state(h.id());
            if (state != null) rows.putIfAbsent(h.id(), HostRow.of(h, state, fleet.error(h.id()), now));
        }
    }

    @Override
    public void changed(Host host, HostState state, String error) {
        Host latest = fleet.host(host.id());
        rows.put(host.id(), HostRow.of(latest == null ? host : latest, state, fleet.error(host.id()), System.currentTimeMillis()));
        pages.mark(host.id());
    }

    /** Every row, by role then index. */
    List<HostRow> all() {
        List<HostRow> all = new ArrayList<>(rows.values());
        all.sort(Comparator.comparing(HostRow::role).thenComparingInt(r -> index(r.id())).thenComparing(HostRow::id));
        return all;
    }

    List<HostRow> rows(Collection<String> ids) {
        List<HostRow> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            HostRow r = rows.get(id);
            if (r != null) out.add(r);
        }
        return out;
    }

    boolean known(String id) {
        return rows.containsKey(id);
    }

    private static int index(String id) {
        int dash = id.lastIndexOf('-');
        try {
            return Integer.parseInt(id.substring(dash + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return 0;
        }
    }
}
