package org.flotilla.analysis.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** Tells a log's kind from its first few kilobytes, not from its name (names are whatever the scenario chose). */
public final class KindDetector {
    /** How much of a file's start tells its kind. */
    public static final int HEAD = 8192;
    private static final Pattern IPERF2_CSV = Pattern.compile("(?m)^\\d{14}(\\.\\d+)?,[^,\\n]*,\\d+,[^,\\n]*,\\d+,");
    private static final Pattern IPERF_LINE = Pattern.compile("(?m)^\\[\\s*(\\d+|SUM)\\s*]\\s+\\d+(\\.\\d+)?\\s*-\\s*\\d+(\\.\\d+)?\\s+sec\\s");
    private static final Pattern IPERF3_INTERVAL = Pattern.compile("(?m)^\\[\\s*(\\d+|SUM)\\s*]\\s+\\d+\\.\\d\\d-");
    // the leading dashes are possessive and a letter must follow them: "-+[a-z/ -]+-+" backtracked
    // cubically over iperf2's line of 60 dashes, 2 ms a file, a third of the benchmark's time
    private static final Pattern DSTAT_TEXT = Pattern.compile("(?m)^-++[a-z/][a-z/ -]*-\\s.*\\n.*\\|");
    private static final Pattern SIEGE = Pattern.compile("(?m)^(Transactions:\\s+\\d+\\s+hits|(\u001b\\[[0-9;]*m)?HTTP/\\d\\.\\d \\d{3} +[\\d.]+ secs:)");

    private KindDetector() {
    }

    public static Optional<LogKind> detect(Path file) throws IOException {
        byte[] head = new byte[HEAD];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, HEAD);
        }
        return detect(head, n);
    }

    /** The kind the first n bytes of a file tell (at most {@link #HEAD} of them, as read by whoever goes on to parse the file). */
    public static Optional<LogKind> detect(byte[] head, int n) {
        for (int i = 0; i < n; i++) if (head[i] == 0) return Optional.empty();
        return detect(new String(head, 0, n, StandardCharsets.UTF_8));
    }

    static Optional<LogKind> detect(String head) {
        String s = head.stripLeading();
        if (s.startsWith("{")) {
            if (s.contains("\"transactions\"") && s.contains("\"availability\"")) return Optional.of(LogKind.SIEGE_JSON);
            if (s.contains("\"start\"") || s.contains("\"intervals\"") || s.contains("\"error\"")) return Optional.of(LogKind.IPERF3_JSON);
            return Optional.empty();
        }
        String first = s.lines().findFirst().orElse("");
        if (first.contains("CSV output\"") || first.contains("CSV Output\"")) return Optional.of(LogKind.DSTAT_CSV);
        if (first.startsWith("\"system\",") || first.startsWith("\"epoch\",") || first.startsWith("\"time\",")) return Optional.of(LogKind.DSTAT_CSV);
        if (first.startsWith("# hostname;interval;timestamp;")) return Optional.of(LogKind.SADF);
        if (first.startsWith("Type,Name,Request Count,")) return Optional.of(LogKind.LOCUST_STATS);
        if (first.startsWith("Timestamp,User Count,Type,Name,")) return Optional.of(LogKind.LOCUST_HISTORY);
        if (DSTAT_TEXT.matcher(s).lookingAt()) return Optional.of(LogKind.DSTAT_TEXT);
        // a regex find tries every position of the head: run it only where the words it needs stand
        if (first.startsWith("** SIEGE") || (s.contains("Transactions:") || s.contains("HTTP/")) && SIEGE.matcher(s).find()) {
            return Optional.of(LogKind.SIEGE_TEXT);
        }
        if (IPERF2_CSV.matcher(s).lookingAt()) return Optional.of(LogKind.IPERF2_CSV);
        boolean iperf3 = s.contains("Connecting to host") || s.contains(" Bitrate ") || s.contains("Server listening on 5")
                || hasHundredths(s) && IPERF3_INTERVAL.matcher(s).find();
        boolean iperf2 = s.contains("Client connecting to") || s.contains("Server listening on TCP port")
                || s.contains("Server listening on UDP port") || IPERF_LINE.matcher(s).find();
        if (iperf3) return Optional.of(LogKind.IPERF3_TEXT);
        if (iperf2) return Optional.of(LogKind.IPERF2_TEXT);
        return Optional.empty();
    }

    /** Whether "digit.digitdigit-" stands somewhere, as iperf3's intervals have it ("0.00-1.00") and iperf2's do not ("0.0-1.0"). */
    private static boolean hasHundredths(String s) {
        for (int i = s.indexOf('-', 4); i >= 0; i = s.indexOf('-', i + 1)) {
            if (s.charAt(i - 3) == '.' && isDigit(s.charAt(i - 1)) && isDigit(s.charAt(i - 2)) && isDigit(s.charAt(i - 4))) return true;
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
