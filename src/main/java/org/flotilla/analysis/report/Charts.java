package org.flotilla.analysis.report;

import org.flotilla.analysis.Findings;
import org.flotilla.analysis.aggregate.Client;
import org.flotilla.analysis.aggregate.CpuFigures;
import org.flotilla.analysis.aggregate.Series;
import org.flotilla.analysis.segment.Segment;
import org.flotilla.analysis.segment.Subtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The report's charts: per test pattern, bandwidth per client over time, the fleet's total over
 * time and the clients' bandwidths as sorted bars; per sampled host, CPU over time with the
 * segments shaded; Locust's requests per second. Each chart is named and titled at once, and drawn
 * when its SVG is asked for.
 */
public final class Charts {
    /** More lines than this make a chart unreadable: the slowest clients are the interesting ones. */
    static final int MAX_LINES = 20;
    static final int MAX_HOSTS = 12;
    private static final int GRID = 120;

    private Charts() {
    }

    public static List<Chart> of(Findings f) {
        List<Chart> charts = new ArrayList<>();
        f.bandwidth().clients().forEach((s, clients) -> bandwidth(s, clients, charts));
        cpu(f, charts);
        if (!f.locust().requestsPerSecond().isEmpty()) {
            charts.add(new Chart("locust-rps.svg", "Locust requests/s per host", () -> {
                List<SvgChart.Line> lines = new ArrayList<>();
                f.locust().requestsPerSecond().forEach((host, series) -> lines.add(new SvgChart.Line(host, series.xs(), series.ys())));
                return SvgChart.lines("Locust requests/s per host", "time (UTC)", "requests/s", lines, bands(f.segments()), true);
            }));
        }
        return charts;
    }

    private static void bandwidth(Subtest s, List<Client> clients, List<Chart> charts) {
        String slug = slug(s.label());
        List<Client> sorted = new ArrayList<>(clients);
        sorted.sort(Comparator.comparingDouble(Client::mbps));
        if (clients.stream().anyMatch(c -> c.series().size() > 0)) {
            String title = s.label() + ": bandwidth per client" + (clients.size() > MAX_LINES ? " (the " + MAX_LINES + " slowest)" : "");
            charts.add(new Chart("bandwidth-" + slug + ".svg", title, () -> {
                List<SvgChart.Line> lines = new ArrayList<>();
                for (Client c : sorted) {
                    if (c.series().size() > 0 && lines.size() < MAX_LINES) lines.add(new SvgChart.Line(c.label(), c.series().xs(), c.series().ys()));
                }
                return SvgChart.lines(title, "seconds since the client's start", "Mbit/s", lines, List.of(), false);
            }));
            String total = s.label() + ": fleet total bandwidth";
            charts.add(new Chart("fleet-" + slug + ".svg", total, () -> SvgChart.lines(total, "seconds since the clients' start", "Mbit/s",
                    List.of(fleetTotal(clients)), List.of(), false)));
        }
        String title = s.label() + ": bandwidth per client, sorted";
        charts.add(new Chart("clients-" + slug + ".svg", title,
                () -> SvgChart.bars(title, "Mbit/s", sorted.stream().map(c -> new SvgChart.Bar(c.label(), c.mbps())).toList())));
    }

    /** The sum of the clients' bandwidths on a grid of points over the longest client's time. */
    private static SvgChart.Line fleetTotal(List<Client> clients) {
        double end = 0;
        for (Client c : clients) {
            if (c.series().size() == 0) continue;
            double[] xs = c.series().xs();
            end = Math.max(end, xs[xs.length - 1]);
        }
        double step = Math.max(end / GRID, 1e-3);
        int points = (int) Math.floor(end / step) + 1;
        double[] xs = new double[points];
        double[] ys = new double[points];
        for (int i = 0; i < points; i++) {
            xs[i] = i * step;
            for (Client c : clients) {
                if (c.series().size() == 0) continue;
                double v = c.series().at(xs[i], 1);
                if (!Double.isNaN(v)) ys[i] += v;
            }
        }
        return new SvgChart.Line("all clients", xs, ys);
    }

    private static void cpu(Findings f, List<Chart> charts) {
        int n = 0;
        for (Map.Entry<String, CpuFigures.HostSeries> e : f.cpu().series().entrySet()) {
            if (n++ >= MAX_HOSTS) break;
            CpuFigures.HostSeries h = e.getValue();
            String title = e.getKey() + ": CPU (%)";
            charts.add(new Chart("cpu-" + slug(e.getKey()) + ".svg", title, () -> SvgChart.lines(title, "time (UTC)", "CPU (%)",
                    List.of(line("total", h.total()), line("usr", h.usr()), line("sys", h.sys()), line("wait", h.iowait())), bands(f.segments()), true)));
        }
    }

    private static SvgChart.Line line(String name, Series s) {
        return new SvgChart.Line(name, s.xs(), s.ys());
    }

    private static List<SvgChart.Band> bands(List<Segment> segments) {
        return segments.stream().map(s -> new SvgChart.Band(s.start().toEpochMilli() / 1000.0, s.end().toEpochMilli() / 1000.0, s.subtest().label())).toList();
    }

    static String slug(String s) {
        String slug = s.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
        return slug.isEmpty() ? "x" : slug;
    }
}
