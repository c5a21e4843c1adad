package org.flotilla.analysis;

import org.flotilla.analysis.aggregate.BandwidthFigures;
import org.flotilla.analysis.aggregate.CpuFigures;
import org.flotilla.analysis.aggregate.LocustFigures;
import org.flotilla.analysis.aggregate.Series;
import org.flotilla.analysis.aggregate.SiegeFigures;
import org.flotilla.analysis.parse.ClientResult;
import org.flotilla.analysis.parse.CpuSample;
import org.flotilla.analysis.parse.LogKind;
import org.flotilla.analysis.parse.LogSink;
import org.flotilla.analysis.parse.Problems;
import org.flotilla.analysis.segment.Segment;
import org.flotilla.analysis.segment.SegmentOption;
import org.flotilla.analysis.segment.Subtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
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
        LogReader reader = new LogReader(journal.isEmpty() ? null : dayOf(journal.get(0).start()).getYear(), problems);
        List<Path> files = files();
        LogLayout layout = new LogLayout(root, files);
        Map<Subtest, Segment> segments = new LinkedHashMap<>();
        journal.forEach(s -> segments.put(s.subtest(), s));
        boolean deferred = !journal.isEmpty() ? apply(segments, dayOf(journal.get(0).start())) : apply(segments, null);

        Map<Path, LogKind> kinds = new LinkedHashMap<>();
        Map<LogKind, Integer> counts = new EnumMap<>(LogKind.class);
        BandwidthFigures bandwidth = new BandwidthFigures();
        Map<Subtest, Segment> derived = new LinkedHashMap<>();
        Placement first = new Placement(List.copyOf(segments.values()), layout.rootName());
        // bandwidth logs first: without a journal, their own times make the segments that cut the samplers' files
        scan(files, layout, reader, scanned -> {
            String name = root.relativize(scanned.file()).toString();
            if (scanned.error() != null) {
                problems.file(name, "cannot read: " + scanned.error().getMessage());
            } else if (scanned.kind().isEmpty()) {
                problems.ignored(name, "unknown kind of log");
            } else {
                kinds.put(scanned.file(), scanned.kind().get());
                counts.merge(scanned.kind().get(), 1, Integer::sum);
                if (scanned.clients() != null) place(scanned.clients(), first, bandwidth, derived);
            }
        });
        derived.forEach(segments::putIfAbsent);
        if (deferred) apply(segments, firstDay(derived, kinds, layout));

        Placement placement = new Placement(List.copyOf(segments.values()), layout.rootName());
        CpuFigures cpu = new CpuFigures();
        SiegeFigures siege = new SiegeFigures();
        LocustFigures locust = new LocustFigures();
        List<Map.Entry<Path, LogKind>> samplers = kinds.entrySet().stream().filter(e -> !e.getValue().isBandwidth()).toList();
        readInOrder(samplers, layout, reader, new SampleRouting(placement, cpu, siege, locust));
        List<Segment> used = new ArrayList<>(segments.values());
        used.sort((a, b) -> a.start().compareTo(b.start()));
        return new Findings(layout.rootName(), used, counts, bandwidth, cpu, siege, locust, problems, Map.of());
    }

    /**
     * Tells every file's kind and parses the bandwidth logs on every core, a bounded window of files ahead of the
     * one handed over; hands them over in their order, so that the report is the same every time.
     */
    private static void scan(List<Path> files, LogLayout layout, LogReader reader, Consumer<LogReader.Scanned> inOrder) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            Deque<Future<LogReader.Scanned>> ahead = new ArrayDeque<>();
            Iterator<Path> next = files.iterator();
            while (ahead.size() < WINDOW && next.hasNext()) ahead.add(submit(pool, next.next(), layout, reader));
            while (!ahead.isEmpty()) {
                LogReader.Scanned done = Futures.done(ahead.removeFirst());
                if (next.hasNext()) ahead.add(submit(pool, next.next(), layout, reader));
                inOrder.accept(done);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Future<LogReader.Scanned> submit(ExecutorService pool, Path file, LogLayout layout, LogReader reader) {
        return pool.submit(() -> reader.scan(file, layout.origin(file)));
    }

    /** Parses the files on every core, a bounded window ahead of the one whose samples go to the sink, in file order. */
    private static void readInOrder(List<Map.Entry<Path, LogKind>> files, LogLayout layout, LogReader reader, LogSink sink) throws IOException {
        record Reading(Relay relay, Future<?> done) {
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            Deque<Reading> ahead = new ArrayDeque<>();
            Iterator<Map.Entry<Path, LogKind>> next = files.iterator();
            Function<Map.Entry<Path, LogKind>, Reading> submit = e -> {
                Relay relay = new Relay();
                return new Reading(relay, pool.submit(() -> {
                    try {
                        reader.read(e.getKey(), e.getValue(), layout.origin(e.getKey()), relay);
                    } finally {
                        relay.finish();
                    }
                }));
            };
            while (ahead.size() < WINDOW && next.hasNext()) ahead.add(submit.apply(next.next()));
            while (!ahead.isEmpty()) {
                Reading r = ahead.removeFirst();
                r.relay().drainTo(sink);
                Futures.done(r.done());
                if (next.hasNext()) ahead.add(submit.apply(next.next()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A client log's results go to the test pattern their origin or time says. */
    private void place(ClientLog clients, Placement placement, BandwidthFigures bandwidth, Map<Subtest, Segment> derived) {
        for (ClientResult r : clients.results) {
            Subtest s = placement.of(clients.origin, r.start());
            bandwidth.add(s, r, clients.series.getOrDefault(r.stream(), new Series()));
            // without a journal, the clients' own times make the segments
            if (journal.isEmpty() && r.start() != null) {
                derived.merge(s, new Segment(s, r.start(), r.end()), (a, b) -> a.span(b.start(), b.end()));
            }
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
            new LogReader(null, new Problems()).read(e.getKey(), e.getValue(), layout.origin(e.getKey()), new LogSink() {
                @Override
                public void cpu(CpuSample s) {
                    if (first[0] == null) first[0] = s.time();
                }
            });
            if (first[0] != null) return dayOf(first[0]);
        }
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static LocalDate dayOf(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
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
}
