package org.flotilla.analysis;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a classic layout of made-up but well-formed logs: per pattern, one iperf2 client log per
 * client ({@code -i 1}: an interval a second, then the result line) and one dstat CSV of the server
 * with per-CPU groups. Seeded, so every run reads the same bytes. bench/analyze-vs-awk.sh races the
 * analyzer against awk on a gigabyte of them; the launcher rehearses {@code analyze} on forty
 * megabytes of them to make the AOT cache of a JDK 25 (the parsers' loops hot enough to leave profiles).
 */
public final class SampleLogs {
    /**
     * The rehearsal's set, about 40 MB: enough lines per loop that the parsers and report writers reach C2 and leave
     * their profiles (measured on the 1 GB bench, a cache rehearsed on 40 MB saved twice the CPU one of 4 MB did).
     */
    private static final int[] REHEARSAL = {4, 100, 1200, 10000, 16};
    private final Path test;
    private final int patterns;
    private final int clients;
    private final int seconds;
    private final int dstatRows;
    private final int cpus;

    /** Usage: SampleLogs DIR [PATTERNS CLIENTS SECONDS DSTAT_ROWS CPUS] (default: the launcher's rehearsal set). */
    public static void main(String[] args) throws IOException {
        int[] n = REHEARSAL.clone();
        for (int i = 1; i < args.length && i <= n.length; i++) n[i - 1] = Integer.parseInt(args[i]);
        new SampleLogs(Path.of(args[0]), n[0], n[1], n[2], n[3], n[4]).write();
    }

    public SampleLogs(Path test, int patterns, int clients, int seconds, int dstatRows, int cpus) {
        this.test = test;
        this.patterns = patterns;
        this.clients = clients;
        this.seconds = seconds;
        this.dstatRows = dstatRows;
        this.cpus = cpus;
    }

    /** Writes the files; returns their total size in bytes. */
    public long write() throws IOException {
        Files.createDirectories(test);
        Random random = new Random(42);
        long bytes = 0;
        for (int p = 0; p < patterns; p++) {
            String pattern = (p + 1) * 10 + "s";
            for (int c = 1; c <= clients; c++) bytes += iperf(test.resolve("iperf-" + pattern + "-client-" + c), random);
            bytes += dstat(test.resolve("dstat-" + pattern + ".csv"), random, p);
        }
        return bytes;
    }

    private long iperf(Path file, Random random) throws IOException {
        double mbps = 20 + random.nextInt(1800) / 10.0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("------------------------------------------------------------\nClient connecting to 10.0.0.1, TCP port 5001\n"
                    + "TCP window size: 85.0 KByte (default)\n------------------------------------------------------------\n"
                    + "[  3] local 10.0.1.2 port 40000 connected with 10.0.0.1 port 5001\n[ ID] Interval       Transfer     Bandwidth\n");
            double total = 0;
            StringBuilder b = new StringBuilder(64);
            for (int s = 0; s < seconds; s++) {
                double v = Math.max(0.1, mbps + random.nextGaussian() * mbps / 10);
                total += v;
                b.setLength(0);
                b.append("[  3] ").append(s).append(".0-").append(s + 1).append(".0 sec  ");
                fixed(b, v / 8 * 1e6 / 1048576, 100).append(" MBytes  ");
                fixed(b, v, 10).append(" Mbits/sec\n");
                w.write(b.toString());
            }
            double avg = total / seconds;
            w.write(String.format(Locale.ROOT, "[  3]  0.0-%d.0 sec  %.2f GBytes  %.1f Mbits/sec%n", seconds, avg / 8 * 1e6 * seconds / (1 << 30), avg));
        }
        return Files.size(file);
    }

    /** v with as many decimals as scale has zeros (10: one, 100: two), without String.format's cost. */
    private static StringBuilder fixed(StringBuilder b, double v, int scale) {
        long n = Math.round(v * scale);
        b.append(n / scale).append('.');
        String frac = Long.toString(n % scale);
        for (int i = frac.length(); i < Integer.toString(scale).length() - 1; i++) b.append('0');
        return b.append(frac);
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append(v < 10 ? "0" : "").append(v);
    }

    private long dstat(Path file, Random random, int pattern) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("\"Dstat 0.7.4 CSV output\"\n\"Author:\",\"Dag Wieers <dag@wieers.com>\",,,,\"URL:\",\"http://dag.wieers.com/home-made/dstat/\"\n"
                    + "\"Host:\",\"server-1\",,,,\"User:\",\"root\"\n"
                    + "\"Cmdline:\",\"dstat -tcn -C total," + "0-" + (cpus - 1) + " --output dstat.csv 1\",,,,\"Date:\",\"24 Nov 2026 00:00:00 UTC\"\n");
            StringBuilder groups = new StringBuilder("\"system\",\"total cpu usage\",,,,");
            StringBuilder columns = new StringBuilder("\"time\",\"usr\",\"sys\",\"idl\",\"wai\",\"stl\"");
            for (int c = 0; c < cpus; c++) {
                groups.append(",\"cpu").append(c).append(" usage\",,,,");
                columns.append(",\"usr\",\"sys\",\"idl\",\"wai\",\"stl\"");
            }
            w.write(groups.append(",\"net/total\",\n").toString());
            w.write(columns.append(",\"recv\",\"send\"\n").toString());
            StringBuilder b = new StringBuilder(1024);
            for (int r = 0; r < dstatRows; r++) {
                b.setLength(0);
                int t = r % 86400;
                two(b, 24 + pattern).append("-11 ");
                two(two(two(b, t / 3600).append(':'), t / 60 % 60).append(':'), t % 60);
                for (int c = 0; c <= cpus; c++) {
                    int usr = random.nextInt(600);
                    int sys = random.nextInt(300);
                    int wai = random.nextInt(50);
                    b.append(',').append(usr / 10.0).append(',').append(sys / 10.0).append(',').append((1000 - usr - sys - wai) / 10.0)
                            .append(',').append(wai / 10.0).append(",0");
                }
                b.append(',').append(random.nextInt(1_000_000)).append(".000,").append(random.nextInt(1_000_000)).append(".000\n");
                w.write(b.toString());
            }
        }
        return Files.size(file);
    }
}
