package org.flotilla.analysis.report;

import org.flotilla.analysis.Findings;
import org.flotilla.analysis.Futures;
import org.flotilla.analysis.parse.Problem;
import org.flotilla.analysis.parse.Problems;
import org.flotilla.analysis.segment.Segment;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a report folder: each table in each chosen table format, {@code problems.txt} (always:
 * nothing the analyzer could not read goes unmentioned), and with HTML, {@code index.html} and its
 * SVG charts beside it.
 */
public final class Report {
    private final ReportTemplates templates;

    public Report(ReportTemplates templates) {
        this.templates = templates;
    }

    /**
     * Returns the files written. The charts, each table file and index.html are made at once, on every core: a report is
     * read by people waiting. The pool draws the charts and writes the table files while this thread renders index.html,
     * which only names the charts.
     */
    public List<Path> write(Findings f, Set<Format> formats, Path out) throws IOException {
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            // FreeMarker's start first: every template file, index.html included, waits for it
            List<String> templateNames = formats.stream().filter(x -> x != Format.CSV).map(Format::template).toList();
            Future<?> templatesReady = pool.submit(() -> {
                templates.prepare(templateNames);
                return null;
            });
            List<Chart> charts = formats.contains(Format.HTML) ? Charts.of(f) : List.of();
            List<Future<Path>> svgs = new ArrayList<>();
            for (Chart c : charts) {
                svgs.add(pool.submit(() -> Files.writeString(out.resolve(c.file()), c.svg().get(), StandardCharsets.UTF_8)));
            }
            List<Table> tables = Tables.of(f);
            List<Future<Path>> files = new ArrayList<>();
            for (Table t : tables) {
                for (Format format : formats) {
                    if (format != Format.HTML) files.add(pool.submit(() -> table(t, f.links(), format, out)));
                }
            }
            Path problems = out.resolve("problems.txt");
            Files.writeString(problems, problemsText(f.problems()), StandardCharsets.UTF_8);
            Path index = null;
            if (formats.contains(Format.HTML)) {
                index = out.resolve("index.html");
                try (Writer w = Files.newBufferedWriter(index, StandardCharsets.UTF_8)) {
                    templates.render(Format.HTML.template(), htmlModel(f, tables, charts), w);
                }
            }
            Futures.done(templatesReady);
            for (Future<Path> file : files) written.add(Futures.done(file));
            written.add(problems);
            for (Future<Path> svg : svgs) written.add(Futures.done(svg));
            if (index != null) written.add(index);
        } finally {
            pool.shutdownNow();
        }
        return written;
    }

    private Path table(Table t, Map<String, String> links, Format format, Path out) throws IOException {
        Path file = out.resolve(t.name() + "." + format.extension());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (format == Format.CSV) CsvTable.write(t, w);
            else templates.render(format.template(), tableModel(t, links), w);
        }
        return file;
    }

    static String problemsText(Problems p) {
        StringBuilder b = new StringBuilder();
        for (Problems.FileProblems fp : p.byFile()) {
            b.append(fp.file()).append(": ").append(fp.count()).append(fp.count() == 1 ? " problem" : " problems").append('\n');
            for (Problem x : fp.first()) {
                b.append("  ").append(x.where()).append(": ").append(x.message());
                if (!x.text().isEmpty()) b.append(": ").append(x.text());
                b.append('\n');
            }
            if (fp.count() > fp.first().size()) b.append("  ... and ").append(fp.count() - fp.first().size()).append(" more\n");
        }
        for (Problems.Ignored i : p.ignored()) b.append(i.file()).append(": not counted: ").append(i.why()).append('\n');
        if (b.length() == 0) b.append("no problems: every line of every file was read\n");
        return b.toString();
    }

    /** A table, and the links its figures were measured through (a table pasted on its own still says so). */
    private static Map<String, Object> tableModel(Table t, Map<String, String> links) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("links", linksModel(links));
        m.put("name", t.name());
        m.put("title", t.title());
        m.put("columns", t.columns());
        m.put("rows", t.rows());
        return m;
    }

    private static List<Map<String, String>> linksModel(Map<String, String> links) {
        return links.entrySet().stream().map(e -> Map.of("role", e.getKey(), "link", e.getValue())).toList();
    }

    private static Map<String, Object> htmlModel(Findings f, List<Table> tables, List<Chart> charts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("generated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        List<Map<String, Object>> files = new ArrayList<>();
        f.files().forEach((k, n) -> files.add(Map.of("kind", k.label(), "count", n)));
        m.put("files", files);
        List<Map<String, Object>> segments = new ArrayList<>();
        for (Segment s : f.segments()) {
            segments.add(Map.of("name", s.subtest().label(), "start", s.start().toString(), "end", s.end().toString(),
                    "seconds", Numbers.fixed(s.seconds(), 1)));
        }
        m.put("segments", segments);
        m.put("links", linksModel(f.links()));
        m.put("tables", tables.stream().map(t -> tableModel(t, Map.of())).toList());
        m.put("charts", charts.stream().map(c -> Map.of("file", c.file(), "title", c.title())).toList());
        List<Map<String, Object>> problems = new ArrayList<>();
        for (Problems.FileProblems fp : f.problems().byFile()) {
            problems.add(Map.of("file", fp.file(), "count", fp.count(),
                    "lines", fp.first().stream().map(x -> Map.of("where", x.where(), "message", x.message(), "text", x.text())).toList()));
        }
        m.put("problems", problems);
        m.put("problemCount", f.problems().count());
        m.put("ignored", f.problems().ignored().stream().map(i -> Map.of("file", i.file(), "why", i.why())).toList());
        return m;
    }
}
