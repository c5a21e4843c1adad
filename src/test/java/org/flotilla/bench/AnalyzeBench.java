package org.flotilla.bench;

import org.flotilla.analysis.SampleLogs;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
            bytes = new SampleLogs(test, patterns, clients, seconds, dstatRows, cpus).write();
            System.out.printf(Locale.ROOT, "logs: %.0f MB in %s (%d patterns × %d iperf2 clients × %d s with -i 1, %d dstat CSVs of %d rows × %d CPUs), written in %.1f s%n",
                    bytes / 1e6, test, patterns, clients, seconds, patterns, dstatRows, cpus, (System.nanoTime() - t0) / 1e9);
        }
        dropCaches(test);
        // the launcher builds its jar and makes its caches when they are stale: once here, not in the timed run
        Path checkout = Path.of(launcher()).toAbsolutePath().getParent();
        if (new ProcessBuilder(launcher(), "analyze", "--help").directory(checkout.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start().waitFor() != 0) {
            throw new IllegalStateException(launcher() + " analyze --help failed");
        }

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

        // the analyzer as a user meets it: `flotilla analyze`, through the launcher, its JVM and options (the JVM's
        // start and warm-up included), with a 128 MB heap; the peak heap is the most in use when a collection began
        Path report = work.resolve("report").toAbsolutePath();
        Path gcLog = work.resolve("analyze-gc.log").toAbsolutePath();
        Files.deleteIfExists(gcLog);
        List<String> analyze = List.of(launcher(), "analyze", test.toAbsolutePath().toString(), "--out", report.toString());
        double cpu0 = childrenCpuSeconds();
        long j0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(analyze).directory(checkout.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("FLOTILLA_JAVA_OPTS", "-Xmx" + System.getenv().getOrDefault("BENCH_HEAP", "128m") + " -Xlog:gc,gc+init:file=" + gcLog);
        if (pb.start().waitFor() != 0) throw new IllegalStateException("flotilla analyze failed: " + analyze);
        double analyzerSeconds = (System.nanoTime() - j0) / 1e9;
        double analyzerCpu = childrenCpuSeconds() - cpu0;
        long peak = peakHeap(gcLog);

        double mb = bytes / 1e6;
        System.out.printf(Locale.ROOT, "awk (%s): %.1f s, %.1f MB/s%n", awkVersion(), awkSeconds, mb / awkSeconds);
        System.out.printf(Locale.ROOT, "analyzer (%s analyze, all formats, charts; %s): %.1f s, %.1f MB/s, peak heap %.0f MB (-Xmx%s)%n",
                launcher(), javaOf(gcLog), analyzerSeconds, mb / analyzerSeconds, peak / 1e6, System.getenv().getOrDefault("BENCH_HEAP", "128m"));
        System.out.printf(Locale.ROOT, "cat: %.2f s, %.0f MB/s%n", catSeconds, mb / catSeconds);
        System.out.printf(Locale.ROOT, "ratio analyzer/awk speed: %.2f (goal >= 5)%n", awkSeconds / analyzerSeconds);
        System.out.printf(Locale.ROOT, "analyzer / cat read rate: %.1f %% (goal >= 25 %%)%n", 100 * catSeconds / analyzerSeconds);
        // on a shared machine the wall clock measures the neighbours too: CPU seconds say what each contender cost
        System.out.printf(Locale.ROOT, "CPU seconds: awk %.1f, analyzer %.1f (the launcher and all the JVM's threads, JIT and GC included); ratio %.2f%n",
                awkCpu, analyzerCpu, awkCpu / analyzerCpu);
        System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
        System.out.printf(Locale.ROOT, "problems: %s%n", Files.readString(report.resolve("problems.txt"), StandardCharsets.UTF_8).strip());
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

    /** The launcher to race: ./flotilla, or another checkout's (FLOTILLA=/path/to/flotilla) for a before/after pair. */
    private static String launcher() {
        return Path.of(System.getenv().getOrDefault("FLOTILLA", "./flotilla")).toAbsolutePath().normalize().toString();
    }

    /** The most heap in use when a collection began ("GC(3) Pause Young (Allocation Failure) 35M->4M(123M)"): garbage included, what the JVM had to hold. */
    private static long peakHeap(Path gcLog) throws IOException {
        Matcher m = BEFORE_GC.matcher(Files.readString(gcLog));
        long peak = 0;
        while (m.find()) peak = Math.max(peak, Long.parseLong(m.group(1)) << switch (m.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            default -> 30;
        });
        return peak;
    }

    private static final Pattern BEFORE_GC = Pattern.compile("\\) (\\d+)([KMG])->");
    private static final Pattern JVM_VERSION = Pattern.compile("Version: (\\S+)");

    /** The JVM that ran the analyzer, as its GC log's header names it. */
    private static String javaOf(Path gcLog) throws IOException {
        Matcher m = JVM_VERSION.matcher(Files.readString(gcLog));
        return m.find() ? "Java " + m.group(1) : "Java ?";
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
