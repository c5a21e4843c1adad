package org.flotilla.analysis.aggregate;

import org.flotilla.analysis.parse.ClientResult;
import org.flotilla.analysis.segment.Subtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The iperf clients of every test pattern and the classic and full bandwidth figures they give. */
public final class BandwidthFigures {
    static final int SLOWEST = 3;
    private final Map<Subtest, List<Client>> clients = new TreeMap<>();

    public void add(Subtest subtest, ClientResult result, Series series) {
        String host = result.origin().hostOrName();
        clients.computeIfAbsent(subtest, s -> new ArrayList<>()).add(new Client(host, host, result, series));
    }

    /** Clients per test pattern, named by host, or host#stream where a host ran several. */
    public Map<Subtest, List<Client>> clients() {
        Map<Subtest, List<Client>> named = new TreeMap<>();
        clients.forEach((s, list) -> {
            Map<String, Integer> perHost = new HashMap<>();
            list.forEach(c -> perHost.merge(c.host(), 1, Integer::sum));
            Map<String, Integer> seen = new HashMap<>();
            List<Client> out = new ArrayList<>();
            for (Client c : list) {
                String label = c.host();
                if (perHost.get(c.host()) > 1) {
                    int n = seen.merge(c.host(), 1, Integer::sum);
                    label = c.host() + "#" + (c.result().stream().isEmpty() ? String.valueOf(n) : c.result().stream());
                }
                out.add(new Client(c.host(), label, c.result(), c.series()));
            }
            named.put(s, out);
        });
        return named;
    }

    /** Per test pattern: one row per host, then the fleet's row. */
    public List<BandwidthRow> rows() {
        List<BandwidthRow> rows = new ArrayList<>();
        clients().forEach((s, list) -> {
            Map<String, List<Client>> byHost = new TreeMap<>(Comparator.naturalOrder());
            list.forEach(c -> byHost.computeIfAbsent(c.host(), h -> new ArrayList<>()).add(c));
            byHost.forEach((host, hostClients) -> rows.add(row(s, host, hostClients)));
            rows.add(row(s, BandwidthRow.FLEET, list));
        });
        return rows;
    }

    /** The fleet rows only. */
    public Map<Subtest, BandwidthRow> fleet() {
        Map<Subtest, BandwidthRow> out = new LinkedHashMap<>();
        for (BandwidthRow r : rows()) if (r.host().equals(BandwidthRow.FLEET)) out.put(r.subtest(), r);
        return out;
    }

    private static BandwidthRow row(Subtest s, String host, List<Client> list) {
        double bytes = 0;
        double jitter = 0;
        double lost = 0;
        int udp = 0;
        double[] mbps = new double[list.size()];
        for (int i = 0; i < list.size(); i++) {
            ClientResult r = list.get(i).result();
            bytes += r.bytes();
            mbps[i] = list.get(i).mbps();
            if (!Double.isNaN(r.jitterMs())) {
                udp++;
                jitter += r.jitterMs();
                lost += Double.isNaN(r.lostPercent()) ? 0 : r.lostPercent();
            }
        }
        Distribution d = Distribution.of(mbps);
        List<String> slowest = list.stream().sorted(Comparator.comparingDouble(Client::mbps)).limit(SLOWEST).map(Client::label).toList();
        return new BandwidthRow(s, host, list.size(), bytes / (1024 * 1024), d.sum(), d, slowest,
                udp == 0 ? Double.NaN : jitter / udp, udp == 0 ? Double.NaN : lost / udp);
    }
}
