package org.flotilla.analysis.report;

import org.flotilla.analysis.Findings;
import org.flotilla.analysis.aggregate.BandwidthRow;
import org.flotilla.analysis.aggregate.CpuRow;
import org.flotilla.analysis.aggregate.LocustRow;
import org.flotilla.analysis.aggregate.SiegeRow;
import org.flotilla.analysis.segment.Subtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

import static org.flotilla.analysis.report.Numbers.fixed;

/**
 * The report's tables from the findings. The two classic ones keep the classic tool's columns
 * exactly; the others carry everything the figures hold. Only tables with rows are made.
 */
public final class Tables {
    public static final List<String> CLASSIC_BANDWIDTH = List.of("Test", "Subtest", "Host", "Clients", "Total transfer (MB)",
            "Total bandwidth (Mbit/s)", "Average bandwidth (Mbit/s)");
    public static final List<String> CLASSIC_CPU = List.of("Test", "Subtest", "Real length", "CPU usr (%)", "CPU sys (%)",
            "CPU total (%)", "CPU wait (%)");

    private Tables() {
    }

    public static List<Table> of(Findings f) {
        List<Table> tables = new ArrayList<>();
        List<BandwidthRow> bandwidth = f.bandwidth().rows();
        List<CpuRow> cpu = f.cpu().rows();
        if (!bandwidth.isEmpty()) {
            tables.add(classicBandwidth(bandwidth));
            tables.add(bandwidth(bandwidth));
        }
        if (!cpu.isEmpty()) {
            tables.add(classicCpu(cpu));
            tables.add(cpu(cpu));
        }
        List<SiegeRow> siege = f.siege().rows();
        if (!siege.isEmpty()) {
            tables.add(siege(siege));
            tables.add(siegeHosts(f.siege().hostRows()));
        }
        List<LocustRow> locust = f.locust().rows();
        if (!locust.isEmpty()) tables.add(locust(locust));
        return tables;
    }

    static Table classicBandwidth(List<BandwidthRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (BandwidthRow r : rows) {
            out.add(List.of(r.subtest().test(), r.subtest().pattern(), r.host(), String.valueOf(r.clients()),
                    fixed(r.transferMB(), 2), fixed(r.totalMbps(), 2), fixed(r.averageMbps(), 2)));
        }
        return new Table("classic-bandwidth", "Bandwidth (classic)", CLASSIC_BANDWIDTH, out);
    }

    static Table bandwidth(List<BandwidthRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (BandwidthRow r : rows) {
            out.add(List.of(r.subtest().test(), r.subtest().pattern(), r.host(), String.valueOf(r.clients()),
                    fixed(r.transferMB(), 2), fixed(r.totalMbps(), 2), fixed(r.perClient().mean(), 2),
                    fixed(r.perClient().min(), 2), fixed(r.perClient().max(), 2), fixed(r.perClient().p50(), 2),
                    fixed(r.perClient().p95(), 2), fixed(r.perClient().jain(), 4), String.join(" ", r.slowest()),
                    fixed(r.jitterMs(), 3), fixed(r.lostPercent(), 2)));
        }
        return new Table("bandwidth", "Bandwidth per client", List.of("Test", "Subtest", "Host", "Clients", "Total transfer (MB)",
                "Total bandwidth (Mbit/s)", "Mean (Mbit/s)", "Min (Mbit/s)", "Max (Mbit/s)", "p50 (Mbit/s)", "p95 (Mbit/s)",
                "Jain's fairness", "Slowest clients", "Jitter (ms)", "Lost (%)"), out);
    }

    /** One row per test pattern; where several hosts sampled it, one per host, the host named after the pattern. */
    static Table classicCpu(List<CpuRow> rows) {
        Map<Subtest, Integer> hosts = new HashMap<>();
        rows.forEach(r -> hosts.merge(r.subtest(), 1, Integer::sum));
        List<List<String>> out = new ArrayList<>();
        for (CpuRow r : rows) {
            if (r.rows() == 0) continue;
            String subtest = hosts.get(r.subtest()) > 1 ? r.subtest().pattern() + " " + r.host() : r.subtest().pattern();
            out.add(List.of(r.subtest().test(), subtest.strip(), String.valueOf(r.rows()), fixed(r.usr(), 2), fixed(r.sys(), 2),
                    fixed(r.total(), 2), fixed(r.iowait(), 2)));
        }
        return new Table("classic-cpu", "CPU (classic)", CLASSIC_CPU, out);
    }

    static Table cpu(List<CpuRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (CpuRow r : rows) {
            out.add(List.of(r.subtest().test(), r.subtest().pattern(), r.host(), String.valueOf(r.rows()),
                    fixed(r.usr(), 2), fixed(r.usrMax(), 2), fixed(r.sys(), 2), fixed(r.sysMax(), 2),
                    fixed(r.total(), 2), fixed(r.totalMax(), 2), fixed(r.iowait(), 2), fixed(r.iowaitMax(), 2),
                    fixed(r.recv() / 1024, 1), fixed(r.send() / 1024, 1)));
        }
        return new Table("cpu", "CPU and network per host", List.of("Test", "Subtest", "Host", "Real length (s)",
                "usr (%)", "usr max (%)", "sys (%)", "sys max (%)", "total (%)", "total max (%)", "wait (%)", "wait max (%)",
                "net recv (KiB/s)", "net send (KiB/s)"), out);
    }

    static Table siege(List<SiegeRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (SiegeRow r : rows) {
            out.add(List.of(r.subtest().test(), r.subtest().pattern(), String.valueOf(r.hosts()), String.valueOf(r.transactions()),
                    fixed(r.transactionRate(), 2), fixed(r.elapsedSeconds(), 2), fixed(r.availability(), 2),
                    fixed(r.responseTimeMs(), 2), String.valueOf(r.failed())));
        }
        return new Table("siege", "siege", List.of("Test", "Subtest", "Hosts", "Transactions", "Transaction rate (trans/s)",
                "Elapsed (s)", "Availability (%)", "Response time (ms)", "Failed"), out);
    }

    /** Each host's own figures and the fleet's sums ("all"), as the classic per-cannon tables had them. */
    static Table siegeHosts(List<SiegeRow> rows) {
        List<List<String>> out = new ArrayList<>();
        for (SiegeRow r : rows) {
            out.add(List.of(r.subtest().test(), r.subtest().pattern(), r.host(), String.valueOf(r.transactions()),
                    fixed(r.elapsedSeconds(), 2), fixed(r.transactionRate(), 2), fixed(r.availability(), 2),
                    fixed(r.responseTimeMs(), 2), String.valueOf(r.failed())));
        }
        return new Table("siege-hosts", "siege per host (all: the fleet)", List.of("Test", "Subtest", "Host", "Transactions",
                "Elapsed (s)", "Transaction rate (trans/s)", "Availability (%)", "Response time (ms)", "Failed"), out);
    }

    static Table locust(List<LocustRow> rows) {
        TreeSet<Double> fractions = new TreeSet<>();
        rows.forEach(r -> fractions.addAll(r.percentiles().keySet()));
        List<String> columns = new ArrayList<>(List.of("Test", "Subtest", "Type", "Name", "Hosts", "Requests", "Failures",
                "Average (ms)", "Min (ms)", "Max (ms)", "Requests/s", "Failures/s"));
        for (double q : fractions) columns.add(percentLabel(q));
        List<List<String>> out = new ArrayList<>();
        for (LocustRow r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.subtest().test(), r.subtest().pattern(), r.type(), r.name(),
                    String.valueOf(r.hosts()), String.valueOf(r.requests()), String.valueOf(r.failures()),
                    fixed(r.averageMs(), 2), fixed(r.minMs(), 2), fixed(r.maxMs(), 2), fixed(r.requestsPerSecond(), 2),
                    fixed(r.failuresPerSecond(), 2)));
            SortedMap<Double, Double> p = r.percentiles();
            for (double q : fractions) cells.add(p.containsKey(q) ? fixed(p.get(q), 0) : "");
            out.add(cells);
        }
        return new Table("locust", "Locust (percentiles merged over hosts, in ms)", columns, out);
    }

    private static String percentLabel(double q) {
        return new java.math.BigDecimal(Double.toString(q * 100)).stripTrailingZeros().toPlainString() + "%";
    }
}
