package org.flotilla.analysis.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Formatter;
import java.util.List;
import java.util.Locale;

/**
 * Line and bar charts as standalone SVG files (no script, no fonts to fetch), so the report opens
 * from disk in any browser and the files can go into a wiki as they are.
 */
final class SvgChart {
    /** One line: its name for the legend and its points, put in x order (hosts' files may come in any order). */
    record Line(String name, double[] xs, double[] ys) {
        Line {
            double[] x = xs;
            Integer[] order = new Integer[x.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> x[i]));
            double[] sx = new double[x.length];
            double[] sy = new double[ys.length];
            for (int i = 0; i < order.length; i++) {
                sx[i] = x[order[i]];
                sy[i] = ys[order[i]];
            }
            xs = sx;
            ys = sy;
        }
    }

    /** A shaded stretch of the x axis (a segment), with its label. */
    record Band(double from, double to, String label) {
    }

    record Bar(String label, double value) {
    }

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf"};
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final ThreadLocal<Formatter> FIGURES = ThreadLocal.withInitial(() -> new Formatter(new StringBuilder(), Locale.ROOT));
    private static final int W = 900;
    private static final int H = 340;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 36;
    private static final int BOTTOM = 46;

    private SvgChart() {
    }

    /** @param clock x values are epoch seconds, labelled as UTC clock times */
    static String lines(String title, String xLabel, String yLabel, List<Line> lines, List<Band> bands, boolean clock) {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y1 = 0;
        for (Line l : lines) {
            for (int i = 0; i < l.xs.length; i++) {
                x0 = Math.min(x0, l.xs[i]);
                x1 = Math.max(x1, l.xs[i]);
                y1 = Math.max(y1, l.ys[i]);
            }
        }
        if (x0 > x1) {
            x0 = 0;
            x1 = 1;
        }
        if (x1 == x0) x1 = x0 + 1;
        y1 = niceCeiling(y1);
        StringBuilder b = start(title);
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        for (Band band : bands) {
            double a = Math.max(band.from, x0);
            double z = Math.min(band.to, x1);
            if (z <= a) continue;
            double px = LEFT + (a - x0) / (x1 - x0) * pw;
            double pz = LEFT + (z - x0) / (x1 - x0) * pw;
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f0e6c8\"/>%n", px, TOP, pz - px, ph));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#806020\">%s</text>%n", px + 2, TOP + 11, esc(band.label)));
        }
        axes(b, y1, yLabel);
        for (int i = 0; i <= 5; i++) {
            double x = x0 + (x1 - x0) * i / 5;
            double px = LEFT + pw * i / 5.0;
            String label = clock ? CLOCK.format(Instant.ofEpochMilli(Math.round(x * 1000))) : trim(x);
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n", px, H - BOTTOM + 16, label));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>%n", LEFT + pw / 2, H - 8, esc(xLabel)));
        for (int n = 0; n < lines.size(); n++) {
            Line l = lines.get(n);
            String color = COLORS[n % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < l.xs.length; i++) {
                double px = LEFT + (l.xs[i] - x0) / (x1 - x0) * pw;
                double py = TOP + ph - l.ys[i] / y1 * ph;
                tenths(tenths(points, px).append(','), py).append(' ');
            }
            b.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\" points=\"")
                    .append(points.toString().strip()).append("\"/>\n");
            if (n < 16) {
                int ly = TOP + 12 + n * 16;
                b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>", W - RIGHT + 12, ly - 4, color));
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>%n", W - RIGHT + 30, ly, esc(l.name)));
            } else if (n == 16) {
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">... %d more</text>%n", W - RIGHT + 12, TOP + 12 + n * 16, lines.size() - 16));
            }
        }
        return b.append("</svg>\n").toString();
    }

    /**
     * v with one decimal, as "%.1f" writes coordinates (but for the last digit of a tie): a chart holds
     * thousands of them, and String.format costs a microsecond each.
     */
    static StringBuilder tenths(StringBuilder b, double v) {
        long t = Math.round(v * 10);
        if (t < 0) {
            b.append('-');
            t = -t;
        }
        return b.append(t / 10).append('.').append(t % 10);
    }

    /** Bars in the given order. */
    static String bars(String title, String yLabel, List<Bar> bars) {
        double y1 = niceCeiling(bars.stream().mapToDouble(Bar::value).filter(Double::isFinite).max().orElse(1));
        StringBuilder b = start(title);
        axes(b, y1, yLabel);
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        double slot = (double) pw / Math.max(1, bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double v = Double.isFinite(bar.value) ? bar.value : 0;
            double h = v / y1 * ph;
            double x = LEFT + i * slot + slot * 0.1;
            tenths(b.append("<rect x=\""), x).append("\" y=\"");
            tenths(b, TOP + ph - h).append("\" width=\"");
            tenths(b, slot * 0.8).append("\" height=\"");
            tenths(b, h).append("\" fill=\"").append(COLORS[0]).append("\"><title>").append(esc(bar.label)).append(": ")
                    .append(trim(v)).append("</title></rect>\n");
            if (bars.size() <= 40) {
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-40 %.1f %d)\">%s</text>%n",
                        x + slot * 0.4, H - BOTTOM + 12, x + slot * 0.4, H - BOTTOM + 12, esc(bar.label)));
            }
        }
        return b.append("</svg>\n").toString();
    }

    private static StringBuilder start(String title) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n", W, H, W, H));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT, esc(title)));
        return b;
    }

    private static void axes(StringBuilder b, double y1, String yLabel) {
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double py = TOP + ph - ph * i / 4.0;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, py, LEFT + pw, py));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n", LEFT - 6, py + 4, trim(y1 * i / 4)));
        }
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>", LEFT, TOP, LEFT, TOP + ph));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", LEFT, TOP + ph, LEFT + pw, TOP + ph));
        b.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">%s</text>%n",
                TOP + ph / 2, TOP + ph / 2, esc(yLabel)));
    }

    private static double niceCeiling(double v) {
        if (!(v > 0) || !Double.isFinite(v)) return 1;
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) if (m * mag >= v) return m * mag;
        return 10 * mag;
    }

    /**
     * A figure for an axis or a bar: whole above 100, else at most two decimals without trailing zeros. Formatted by
     * one Formatter per thread: String.format makes a Formatter and looks up the locale's digits per call, and a bar
     * chart labels thousands of bars.
     */
    static String trim(double v) {
        Formatter f = FIGURES.get();
        StringBuilder out = (StringBuilder) f.out();
        out.setLength(0);
        boolean whole = Math.abs(v) >= 100 || v == Math.rint(v);
        f.format(whole ? "%.0f" : "%.2f", v);
        int end = out.length();
        if (!whole) {
            while (out.charAt(end - 1) == '0') end--;
            if (out.charAt(end - 1) == '.') end--;
        }
        return out.substring(0, end);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
