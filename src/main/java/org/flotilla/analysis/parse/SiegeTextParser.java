package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * siege's summary block ({@code Transactions: 30 hits} ... {@code Shortest transaction: 0.00}).
 * The response time is in "secs" up to siege 4.0 and in "ms" from 4.1: the unit after the number
 * says which. A file may hold several runs' blocks; each starts at "Transactions:".
 */
public final class SiegeTextParser implements LogParser {
    private static final Pattern FIELD = Pattern.compile("^([A-Za-z][A-Za-z ]*?):\\s*(-?[\\d.]+)\\s*([A-Za-z%/]*)\\s*$");
    private static final Pattern CHATTER = Pattern.compile("^(\\*\\*.*|The server is now under siege.*|Lifting the server siege.*"
            + "|HTTP/\\d.*|\\s*done\\.|\\s*)$");

    @Override
    public void parse(Origin origin, InputStream in, LogSink sink, Problems problems) throws IOException {
        Lines lines = new Lines(in);
        Map<String, Double> block = null;
        String responseUnit = "secs";
        long start = 0;
        String text;
        while ((text = lines.next()) != null) {
            // siege colours its verbose lines when they go to the same file as the summary
            if (text.indexOf('\u001b') >= 0) text = text.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "");
            Matcher m = FIELD.matcher(text.replace('\t', ' '));
            if (!m.matches()) {
                if (!CHATTER.matcher(text).matches()) problems.line(origin.name(), lines.number(), "not a siege summary line", text);
                continue;
            }
            String key = m.group(1).trim().toLowerCase(Locale.ROOT);
            if (key.equals("transactions")) {
                if (block != null) emit(origin, start, block, responseUnit, sink, problems);
                block = new HashMap<>();
                start = lines.number();
            }
            if (block == null) {
                problems.line(origin.name(), lines.number(), "siege summary line before \"Transactions:\"", text);
                continue;
            }
            double value;
            try {
                value = Units.number(m.group(2));
            } catch (NumberFormatException e) {
                problems.line(origin.name(), lines.number(), e.getMessage(), text);
                continue;
            }
            block.put(key, value);
            if (key.equals("response time")) responseUnit = m.group(3).toLowerCase(Locale.ROOT);
        }
        if (block != null) emit(origin, start, block, responseUnit, sink, problems);
    }

    private static void emit(Origin origin, long line, Map<String, Double> b, String responseUnit, LogSink sink, Problems problems) {
        for (String needed : new String[]{"transactions", "availability", "elapsed time", "transaction rate"}) {
            if (!b.containsKey(needed)) {
                problems.line(origin.name(), line, "siege summary without \"" + needed + "\"", "");
                return;
            }
        }
        try {
            double response = b.getOrDefault("response time", Double.NaN);
            if (!Double.isNaN(response)) response = Checked.amount("response time", response);
            if (!responseUnit.startsWith("ms")) response *= 1000;
            double throughput = b.getOrDefault("throughput", Double.NaN);
            long transactions = Checked.count("transactions", b.get("transactions"));
            sink.siege(new SiegeResult(origin, line, transactions, Checked.percent("availability", b.get("availability")),
                    Checked.amount("elapsed time", b.get("elapsed time")), response,
                    Checked.amount("transaction rate", b.get("transaction rate")),
                    Double.isNaN(throughput) ? throughput : Checked.amount("throughput", throughput),
                    Checked.count("successful transactions", b.getOrDefault("successful transactions", (double) transactions)),
                    Checked.count("failed transactions", b.getOrDefault("failed transactions", 0.0))));
        } catch (Checked.BadField e) {
            problems.line(origin.name(), line, "siege summary not counted: " + e.getMessage(), "");
        }
    }
}
