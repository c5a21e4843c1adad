package org.flotilla.bench;

import org.flotilla.analysis.Analysis;
import org.flotilla.analysis.Findings;
import org.flotilla.analysis.report.Format;
import org.flotilla.analysis.report.Report;
import org.flotilla.analysis.report.ReportTemplates;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The analyzer against the classic awk tables, on the same ~1 GB of generated iperf and dstat logs
 * in the same run: prints MB/s of both, the ratio, the analyzer's peak heap, and whether the two
 * classic tables agree. Not a test: run it with bench/analyze-vs-awk.sh.
 *
 * Arguments: WORKDIR [PATTERNS CLIENTS SECONDS DSTAT_ROWS CPUS] (default 4 1100 3600 86400 16: about 1 GB).
 */
public final class AnalyzeBench {
    private AnalyzeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench");
        int patterns = arg(args, 1, 4);
        int clients = arg(args, 2, 1100);
        int seconds = arg(args, 3, 3600);
        int dstatRows = arg(args, 4, 86400);
        int cpus = arg(args, 5, 16);
        Path test = work.resolve("logs/test1");
        long bytes;
        if (Files.isDirectory(test)) {
            try (Stream<Path> files = Files.list(test)) {
                bytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf(Locale.ROOT, "logs: reusing %s (%.0f MB)%n", test, bytes / 1e6);
        } else {
            long t0 = System.nanoTime();
            bytes = new ClassicLogs(test, patterns, clients, seconds, dstatRows, cpus).write();
            System.out.printf(Locale.ROOT, "logs: %.0f MB in %s (%d patterns × %d iperf2 clients × %d s with -i 1, %d dstat CSVs of %d rows × %d CPUs), written in %.1f s%n",
                    bytes / 1e6, test, patterns, clients, seconds, patterns, dstatRows, cpus, (System.nanoTime() - t0) / 1e9);
        }
        dropCaches(test);

        // the same order as a user meets them: awk first gets no warm-cache advantage over the analyzer, both read warm files
        double awkCpu0 = childrenCpuSeconds();
        long a0 = System.nanoTime();
        Path awkOut = work.resolve("awk-tables.txt");
        List<String> cmd = new ArrayList<>(List.of("awk", "-f", "bench/classic.awk"));
        try (Stream<Path> files = Files.list(test)) {
            files.sorted().map(Path::toString).forEach(cmd::add);
        }
        Process awk = new ProcessBuilder(cmd).redirectOutput(awkOut.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (awk.waitFor() != 0) throw new IllegalStateException("awk failed");
        double awkSeconds = (System.nanoTime() - a0) / 1e9;
        double awkCpu = childrenCpuSeconds() - awkCpu0;

        // the floor: cat reading the same warm files (the goal is >= 25 % of its rate)
        List<String> catCmd = new ArrayList<>(List.of("cat"));
        catCmd.addAll(cmd.subList(3, cmd.size()));
        long c0 = System.nanoTime();
        Process cat = new ProcessBuilder(catCmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (cat.waitFor() != 0) throw new IllegalStateException("cat failed");
        double catSeconds = (System.nanoTime() - c0) / 1e9;

        HeapWatch heap = new HeapWatch();
        heap.start();
        double cpu0 = processCpuSeconds();
        long j0 = System.nanoTime();
        Path report = work.resolve("report");
        Findings f = new Analysis(test, List.of(), List.of(), null).run();
        double readSeconds = (System.nanoTime() - j0) / 1e9;
        new Report(new ReportTemplates(null)).write(f, EnumSet.allOf(Format.class), report);
        double analyzerSeconds = (System.nanoTime() - j0) / 1e9;
        double analyzerCpu = processCpuSeconds() - cpu0;
        long peak = heap.finish();

        double mb = bytes / 1e6;
        System.out.printf(Locale.ROOT, "awk (%s): %.1f s, %.1f MB/s%n", awkVersion(), awkSeconds, mb / awkSeconds);
        System.out.printf(Locale.ROOT, "analyzer (all formats, charts): %.1f s (reading %.1f s, writing the report %.1f s), %.1f MB/s, peak heap %.0f MB (max heap %.0f MB)%n",
                analyzerSeconds, readSeconds, analyzerSeconds - readSeconds, mb / analyzerSeconds, peak / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        System.out.printf(Locale.ROOT, "cat: %.2f s, %.0f MB/s%n", catSeconds, mb / catSeconds);
        System.out.printf(Locale.ROOT, "ratio analyzer/awk speed: %.2f (goal >= 5)%n", awkSeconds / analyzerSeconds);
        System.out.printf(Locale.ROOT, "analyzer / cat read rate: %.1f %% (goal >= 25 %%)%n", 100 * catSeconds / analyzerSeconds);
        // on a shared machine the wall clock measures the neighbours too: CPU seconds say what each contender cost
        System.out.printf(Locale.ROOT, "CPU seconds: awk %.1f, analyzer %.1f (all its threads, JIT and GC included); ratio %.2f%n",
                awkCpu, analyzerCpu, awkCpu / analyzerCpu);
        System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
        System.out.printf(Locale.ROOT, "problems: %d lines%n", f.problems().count());
        compare(awkOut, report);
    }

    /** The awk tables and the analyzer's classic CSVs must hold the same rows (order aside). */
    private static void compare(Path awkOut, Path report) throws IOException {
        TreeSet<String> awk = new TreeSet<>(Files.readAllLines(awkOut, StandardCharsets.UTF_8));
        TreeSet<String> ours = new TreeSet<>(Files.readAllLines(report.resolve("classic-bandwidth.csv"), StandardCharsets.UTF_8));
        ours.addAll(Files.readAllLines(report.resolve("classic-cpu.csv"), StandardCharsets.UTF_8));
        if (awk.equals(ours)) {
            System.out.println("classic tables: analyzer and awk agree on all " + awk.size() + " lines");
        } else {
            TreeSet<String> onlyAwk = new TreeSet<>(awk);
            onlyAwk.removeAll(ours);
            TreeSet<String> onlyOurs = new TreeSet<>(ours);
            onlyOurs.removeAll(awk);
            System.out.println("classic tables DIFFER: awk only " + onlyAwk + "; analyzer only " + onlyOurs);
            System.exit(1);
        }
    }

    /** User + system CPU of this JVM's reaped children (cutime + cstime of /proc/self/stat), in seconds. */
    private static double childrenCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 16 and 17 of stat(5), counted from the state (field 3) at index 0; clock ticks of 1/100 s on Linux
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** The machine's load: the figures are only as steady as the machine is idle. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String awkVersion() {
        try {
            Process p = new ProcessBuilder("awk", "-W", "version").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("awk");
            p.waitFor();
            return first.strip();
        } catch (IOException | InterruptedException e) {
            return "awk";
        }
    }

    /** Reads every file once so both contenders start from the page cache. */
    private static void dropCaches(Path test) throws IOException {
        byte[] buf = new byte[1 << 20];
        try (Stream<Path> files = Files.list(test)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                try (var in = Files.newInputStream(p)) {
                    while (in.read(buf) > 0) {
                        // warming the page cache
                    }
                }
            }
        }
    }

    /** The most heap in use, sampled every 5 ms while the analyzer runs (garbage included: what the JVM had to hold). */
    private static final class HeapWatch extends Thread {
        private volatile boolean running = true;
        private long peak;

        HeapWatch() {
            setDaemon(true);
        }

        @Override
        public void run() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long finish() throws InterruptedException {
            running = false;
            join();
            return Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
