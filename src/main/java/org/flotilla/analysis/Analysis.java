package org.flotilla.analysis;

import org.flotilla.analysis.aggregate.BandwidthFigures;
import org.flotilla.analysis.aggregate.CpuFigures;
import org.flotilla.analysis.aggregate.LocustFigures;
import org.flotilla.analysis.aggregate.Series;
import org.flotilla.analysis.aggregate.SiegeFigures;
import org.flotilla.analysis.parse.ClientResult;
import org.flotilla.analysis.parse.CpuSample;
import org.flotilla.analysis.parse.KindDetector;
import org.flotilla.analysis.parse.LogKind;
import org.flotilla.analysis.parse.LogSink;
import org.flotilla.analysis.parse.Origin;
import org.flotilla.analysis.parse.Problems;
import org.flotilla.analysis.segment.Segment;
import org.flotilla.analysis.segment.SegmentOption;
import org.flotilla.analysis.segment.Subtest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Reads every file under a folder of logs, each by the parser of its kind, and folds the samples
 * into figures per test pattern. Bandwidth logs are read first: without a journal, their own times
 * make the segments that cut the samplers' files.
 */
public final class Analysis {
    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    /** Files read ahead of the one being placed: bounds the memory that parallel reading takes. */
    private static final int WINDOW = 4 * THREADS;
    private final Path root;
    private final List<Segment> journal;
    private final List<SegmentOption> options;
    private final Path skip;

    /**
     * @param journal the run's segments (empty for a plain folder)
     * @param options segments given by hand: they replace the journal's of the same name or add to them
     * @param skip    a folder under root not to read (the report's own), or null
     */
    public Analysis(Path root, List<Segment> journal, List<SegmentOption> options, Path skip) {
        this.root = root;
        this.journal = journal;
        this.options = options;
        this.skip = skip == null ? null : skip.toAbsolutePath().normalize();
    }

    public Findings run() throws IOException {
        Problems problems = new Problems();
        List<Path> files = files();
        LogLayout layout = new LogLayout(root, files);
        Map<Path, LogKind> kinds = new LinkedHashMap<>();
        Map<LogKind, Integer> counts = new EnumMap<>(LogKind.class);
        // each file's head is read and matched on every core: thousands of small reads add up
        for (Detected d : files.parallelStream().map(Detected::of).toList()) {
            String name = root.relativize(d.file()).toString();
            if (d.error() != null) {
                problems.file(name, "cannot read: " + d.error().getMessage());
            } else if (d.kind().isEmpty()) {
                problems.ignored(name, "unknown kind of log");
            } else {
                kinds.put(d.file(), d.kind().get());
                counts.merge(d.kind().get(), 1, Integer::sum);
            }
        }

        Map<Subtest, Segment> segments = new LinkedHashMap<>();
        journal.forEach(s -> segments.put(s.subtest(), s));
        boolean deferred = !journal.isEmpty() ? apply(segments, dayOf(journal.get(0).start())) : apply(segments, null);

        BandwidthFigures bandwidth = new BandwidthFigures();
        Map<Subtest, Segment> derived = new LinkedHashMap<>();
        readBandwidth(kinds, layout, new Placement(List.copyOf(segments.values()), layout.rootName()), bandwidth, derived, problems);
        derived.forEach(segments::putIfAbsent);
        if (deferred) apply(segments, firstDay(derived, kinds, layout));

        Placement placement = new Placement(List.copyOf(segments.values()), layout.rootName());
        CpuFigures cpu = new CpuFigures();
        SiegeFigures siege = new SiegeFigures();
        LocustFigures locust = new LocustFigures();
        for (Map.Entry<Path, LogKind> e : kinds.entrySet()) {
            if (e.getValue().isBandwidth()) continue;
            Origin origin = layout.origin(e.getKey());
            read(e.getKey(), e.getValue(), origin, new SampleRouting(placement, cpu, siege, locust), problems);
        }
        List<Segment> used = new ArrayList<>(segments.values());
        used.sort((a, b) -> a.start().compareTo(b.start()));
        return new Findings(layout.rootName(), used, counts, bandwidth, cpu, siege, locust, problems);
    }

    /** Reads the iperf logs, in parallel, a window at a time, placing them in file order: the same report every time. */
    private void readBandwidth(Map<Path, LogKind> kinds, LogLayout layout, Placement placement, BandwidthFigures bandwidth,
                               Map<Subtest, Segment> derived, Problems problems) throws IOException {
        List<Path> files = kinds.entrySet().stream().filter(e -> e.getValue().isBandwidth()).map(Map.Entry::getKey).toList();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int from = 0; from < files.size(); from += WINDOW) {
                List<Future<ClientLog>> window = new ArrayList<>();
                for (Path file : files.subList(from, Math.min(files.size(), from + WINDOW))) {
                    window.add(pool.submit(() -> {
                        ClientLog clients = new ClientLog(layout.origin(file));
                        read(file, kinds.get(file), clients.origin, clients, problems);
                        return clients;
                    }));
                }
                for (Future<ClientLog> f : window) {
                    ClientLog clients = Futures.done(f);
                    for (ClientResult r : clients.results) {
                        Subtest s = placement.of(clients.origin, r.start());
                        bandwidth.add(s, r, clients.series.getOrDefault(r.stream(), new Series()));
                        // without a journal, the clients' own times make the segments
                        if (journal.isEmpty() && r.start() != null) {
                            derived.merge(s, new Segment(s, r.start(), r.end()), (a, b) -> a.span(b.start(), b.end()));
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Applies the hand-given segments; returns true when some need the day of the logs and none was given. */
    private boolean apply(Map<Subtest, Segment> segments, LocalDate day) {
        boolean deferred = false;
        for (SegmentOption o : options) {
            if (o.timeOfDay() && day == null) {
                deferred = true;
                continue;
            }
            segments.remove(o.subtest());
            segments.put(o.subtest(), o.on(day == null ? LocalDate.EPOCH : day));
        }
        return deferred;
    }

    /** The day of the logs: of the first timed iperf result, else of the first sampler row, else today. */
    private LocalDate firstDay(Map<Subtest, Segment> derived, Map<Path, LogKind> kinds, LogLayout layout) {
        for (Segment s : derived.values()) return dayOf(s.start());
        for (Map.Entry<Path, LogKind> e : kinds.entrySet()) {
            if (e.getValue().isBandwidth()) continue;
            Instant[] first = new Instant[1];
            read(e.getKey(), e.getValue(), layout.origin(e.getKey()), new LogSink() {
                @Override
                public void cpu(CpuSample s) {
                    if (first[0] == null) first[0] = s.time();
                }
            }, new Problems());
            if (first[0] != null) return dayOf(first[0]);
        }
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static LocalDate dayOf(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private void read(Path file, LogKind kind, Origin origin, LogSink sink, Problems problems) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            kind.parser(year(file)).parse(origin, in, sink, problems);
        } catch (IOException e) {
            problems.file(origin.name(), "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            // a parser must not let bad input stop the analysis: the file is reported instead
            problems.file(origin.name(), kind.label() + " parser failed: " + e);
        }
    }

    /** The year dstat's times leave out: the run's, else the file's last change. */
    private int year(Path file) {
        if (!journal.isEmpty()) return dayOf(journal.get(0).start()).getYear();
        try {
            return dayOf(Files.getLastModifiedTime(file).toInstant()).getYear();
        } catch (IOException e) {
            return LocalDate.now(ZoneOffset.UTC).getYear();
        }
    }

    private List<Path> files() throws IOException {
        if (!Files.isDirectory(root)) throw new UncheckedIOException(new IOException("not a folder: " + root));
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted().forEach(p -> {
                if (skip != null && p.toAbsolutePath().normalize().startsWith(skip)) return;
                if (!Files.isRegularFile(p)) return;
                out.add(p);
            });
        }
        return out;
    }

    /** A file's kind as its head tells, or why it could not be read. */
    private record Detected(Path file, Optional<LogKind> kind, IOException error) {
        static Detected of(Path file) {
            try {
                return new Detected(file, KindDetector.detect(file), null);
            } catch (IOException e) {
                return new Detected(file, Optional.empty(), e);
            }
        }
    }
}
