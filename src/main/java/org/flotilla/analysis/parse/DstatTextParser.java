package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * dstat's screen output ({@code dstat -tcn --noheaders 1}), what Debian 12's dstat can write:
 * a group line ({@code ----system---- --total-cpu-usage-- -net/total-}), a column line
 * ({@code time |usr sys idl wai stl| recv send}), then rows split by '|' the same way, network in
 * bytes with dstat's unit letters (B, k, M, G; base 1024). Repeated headers are read again.
 */
public final class DstatTextParser implements LogParser {
    private final int year;

    public DstatTextParser(int year) {
        this.year = year;
    }

    @Override
    public void parse(Origin origin, InputStream in, LogSink sink, Problems problems) throws IOException {
        Lines lines = new Lines(in);
        List<String> groups = null;
        DstatColumns columns = null;
        SampleTime time = new SampleTime(year);
        String text;
        while ((text = lines.next()) != null) {
            if (text.indexOf('\u001b') >= 0) text = text.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "");
            if (text.isBlank()) continue;
            if (text.startsWith("-") && text.contains("--")) {
                groups = groupNames(text);
                continue;
            }
            if (groups != null && text.contains("|") && !Character.isDigit(text.strip().charAt(0))) {
                List<String> g = new ArrayList<>();
                List<String> c = new ArrayList<>();
                String[] sections = text.split("\\|", -1);
                for (int s = 0; s < sections.length; s++) {
                    for (String name : words(sections[s])) {
                        g.add(s < groups.size() ? groups.get(s) : "");
                        c.add(name);
                    }
                }
                DstatColumns found = DstatColumns.of(g, c);
                if (found.usable()) {
                    columns = found;
                    continue;
                }
            }
            if (columns == null) {
                problems.line(origin.name(), lines.number(), "not a dstat line (no header seen yet)", text);
                continue;
            }
            try {
                List<String> cells = new ArrayList<>();
                String[] sections = text.split("\\|", -1);
                // the time section holds a space ("24-11 20:23:41"): it is one cell
                cells.add(sections[0].trim());
                for (int s = 1; s < sections.length; s++) cells.addAll(words(sections[s]));
                Instant t = time.parse(cells.get(columns.time()));
                sink.cpu(new CpuSample(origin, lines.number(), t, cpu(cells, columns.usr()), cpu(cells, columns.sys()),
                        cpu(cells, columns.idl()), cpu(cells, columns.wai()), net(cells, columns.recv()), net(cells, columns.send())));
            } catch (RuntimeException e) {
                problems.line(origin.name(), lines.number(), "not a dstat row: " + e.getMessage(), text);
            }
        }
        if (columns == null) problems.file(origin.name(), "no dstat header (----system---- ... / time |usr sys idl ...)");
    }

    private static List<String> groupNames(String line) {
        List<String> names = new ArrayList<>();
        for (String w : words(line)) {
            int a = 0;
            int b = w.length();
            while (a < b && w.charAt(a) == '-') a++;
            while (b > a && w.charAt(b - 1) == '-') b--;
            names.add(w.substring(a, b).replace('-', ' '));
        }
        return names;
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) if (!w.isEmpty()) out.add(w);
        return out;
    }

    private static double cpu(List<String> cells, int i) {
        return i < 0 ? Double.NaN : Units.number(cell(cells, i));
    }

    private static double net(List<String> cells, int i) {
        return i < 0 ? Double.NaN : Units.dstatBytes(cell(cells, i));
    }

    private static String cell(List<String> cells, int i) {
        if (i >= cells.size()) throw new IllegalArgumentException("row has " + cells.size() + " cells, expected more than " + i);
        return cells.get(i);
    }
}
