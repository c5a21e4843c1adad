package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dstat (and pcp-dstat) {@code --output} CSV: title and metadata lines, the group row whose names
 * cover several columns (a blank cell carries the name on its left forward), the column row, then
 * one row per sample. A file dstat appended to holds several such blocks. The year missing from
 * dstat's times comes from the "Date:" metadata, else from the caller.
 */
public final class DstatCsvParser implements LogParser {
    private static final Pattern YEAR = Pattern.compile("\\b(\\d{4})\\b");
    private final int defaultYear;

    public DstatCsvParser(int defaultYear) {
        this.defaultYear = defaultYear;
    }

    @Override
    public void parse(Origin origin, InputStream in, LogSink sink, Problems problems) throws IOException {
        Lines lines = new Lines(in);
        List<String> previous = null;
        DstatColumns columns = null;
        SampleTime time = new SampleTime(defaultYear);
        DstatRow row = new DstatRow();
        while (lines.advance()) {
            if (columns != null && row.read(lines.bytes(), lines.from(), lines.to(), columns) && sample(origin, lines, row, columns, time, sink)) {
                continue;
            }
            String text = lines.text();
            if (text.isBlank()) continue;
            // rows have no quotes (but pcp-dstat's time): cut them lazily, parsing only the cells used
            List<String> cells = columns != null && plainRow(text) ? new LazyCells(text) : CsvCells.split(text, ',');
            String first = cells.get(0).trim();
            if (first.endsWith("CSV output") || first.endsWith("CSV Output") || first.equals("Author:")
                    || first.equals("Host:") || first.equals("Cmdline:")) {
                columns = null;
                if (first.equals("Cmdline:")) time = new SampleTime(year(cells));
                previous = null;
                continue;
            }
            if (columns == null) {
                if (previous != null && (cells.contains("usr") || cells.contains("recv") || cells.contains("idl"))) {
                    DstatColumns found = DstatColumns.of(carried(previous), cells);
                    if (found.usable()) {
                        columns = found;
                        continue;
                    }
                }
                if (previous != null) problems.line(origin.name(), lines.number() - 1, "not a dstat header line", String.join(",", previous));
                previous = cells;
                continue;
            }
            try {
                Instant t = time.parse(stripQuotes(cells.get(columns.time())));
                sink.cpu(new CpuSample(origin, lines.number(), t, value(cells, columns.usr()), value(cells, columns.sys()),
                        value(cells, columns.idl()), value(cells, columns.wai()), value(cells, columns.recv()), value(cells, columns.send())));
            } catch (RuntimeException e) {
                problems.line(origin.name(), lines.number(), "not a dstat row: " + e.getMessage(), text);
            }
        }
        if (columns == null) problems.file(origin.name(), "no dstat column row (time, usr/sys/idl/wai, recv/send)");
    }

    /** The row read from bytes, when its time reads too (else the String path reads or reports it). */
    private static boolean sample(Origin origin, Lines lines, DstatRow row, DstatColumns columns, SampleTime time, LogSink sink) {
        Instant t;
        try {
            t = time.parse(row.cell(columns.time()));
        } catch (RuntimeException e) {
            return false;
        }
        sink.cpu(new CpuSample(origin, lines.number(), t, row.usr, row.sys, row.idl, row.wai, row.recv, row.send));
        return true;
    }

    /** No quotes, or only pcp-dstat's around the time (which holds no comma). */
    private static boolean plainRow(String text) {
        int quote = text.indexOf('"');
        if (quote < 0) return true;
        int close = text.indexOf('"', 1);
        return quote == 0 && close > 0 && text.indexOf('"', close + 1) < 0 && (text.indexOf(',') < 0 || close < text.indexOf(','));
    }

    private static String stripQuotes(String s) {
        return s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"' ? s.substring(1, s.length() - 1) : s;
    }

    private int year(List<String> cells) {
        for (int i = 0; i + 1 < cells.size(); i++) {
            if (cells.get(i).trim().equals("Date:")) {
                Matcher m = YEAR.matcher(cells.get(i + 1));
                if (m.find()) return Integer.parseInt(m.group(1));
            }
        }
        return defaultYear;
    }

    /** The group row with each name carried forward over the blank cells it covers. */
    private static List<String> carried(List<String> groups) {
        List<String> out = new ArrayList<>(groups.size());
        String current = "";
        for (String g : groups) {
            if (!g.isBlank()) current = g.trim();
            out.add(current);
        }
        return out;
    }

    private static double value(List<String> cells, int i) {
        if (i < 0) return Double.NaN;
        if (i >= cells.size()) throw new IllegalArgumentException("row has " + cells.size() + " cells, expected more than " + i);
        return Units.number(cells.get(i));
    }
}
