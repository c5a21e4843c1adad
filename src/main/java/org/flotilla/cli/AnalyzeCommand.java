package org.flotilla.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.flotilla.analysis.Findings;
import org.flotilla.analysis.LogsFolder;
import org.flotilla.analysis.parse.Problem;
import org.flotilla.analysis.parse.Problems;
import org.flotilla.analysis.report.Format;
import org.flotilla.analysis.report.Report;
import org.flotilla.analysis.report.ReportTemplates;
import org.flotilla.analysis.segment.SegmentOption;
import org.flotilla.fleet.Run;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** `flotilla analyze`: a folder of logs (the latest run's by default) into tables, charts and index.html. */
final class AnalyzeCommand implements Subcommand {
    static final String DEFAULT_FORMATS = "csv,mediawiki,trac,markdown,html";
    private static final int PROBLEMS_SHOWN = 10;

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public String summary() {
        return "turn a run's logs (or any folder of logs) into tables, charts and index.html";
    }

    @Override
    public String usage() {
        return "flotilla analyze [DIR] [--run ID] [--runs-dir DIR] [--format csv,mediawiki,trac,markdown,html] [--out DIR] "
                + "[--segment NAME=HH:MM:SS..HH:MM:SS]... [--templates DIR]";
    }

    @Override
    public String description() {
        return """
                Reads every file under DIR, or without DIR the run's runs/<run-id>/logs/ (the latest run unless --run),
                and writes the report to --out (default: runs/<run-id>/report/, or DIR/report/ for a DIR).
                Kinds of log are told from their content: iperf3 JSON and text, iperf2 text and CSV (-y C), dstat CSV
                (--output) and text (dstat -tcn --noheaders 1), sysstat's sadf -d, siege's summary and JSON (-j),
                Locust's _stats.csv and _stats_history.csv. Files of other kinds are listed, never skipped silently.
                Segments: the test windows of the run's journal, one per test and pattern; without a journal, the
                classic layout (<test>/iperf-<pattern>-<host>, dstat-<pattern>.csv or one dstat.csv) and the iperf logs'
                own times. --segment NAME=HH:MM:SS..HH:MM:SS (UTC, on the day of the logs; or ISO instants), NAME
                being test or test/pattern, replaces the segment of that name or adds one (repeatable).
                Tables: classic-bandwidth and classic-cpu (the classic columns, ';' in CSV), bandwidth, cpu, siege,
                locust; as .csv, .mediawiki, .trac, .md from the templates in --templates (default: analysis/ when it
                exists, else those in the jar). html: index.html with SVG charts beside it. problems.txt lists every
                line that did not parse (file:line) and every file not counted (the terminal gives their number).
                Exit codes: 0 report written, 1 no log of a known kind found, 2 bad usage.""";
    }

    @Override
    public Options options() {
        Options o = new Options();
        CommonOptions.runSelection(o);
        o.addOption(Option.builder().longOpt("format").hasArg().argName("LIST")
                .desc("formats to write, comma-separated (default: " + DEFAULT_FORMATS + ")").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("where to write the report").build());
        o.addOption(Option.builder().longOpt("segment").hasArg().argName("NAME=FROM..TO")
                .desc("add or replace a segment, e.g. warmup=12:00:05..12:00:35 (repeatable)").build());
        o.addOption(Option.builder().longOpt("templates").hasArg().argName("DIR")
                .desc("folder of table and report templates overriding the built-in ones (default: analysis)").build());
        CommonOptions.help(o);
        return o;
    }

    @Override
    public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        List<String> args = line.getArgList();
        if (args.size() > 1) throw new UsageError("one DIR at most, got " + String.join(" ", args));
        if (!args.isEmpty() && line.hasOption("run")) throw new UsageError("give DIR or --run, not both");
        Set<Format> formats = Format.parse(line.getOptionValue("format", DEFAULT_FORMATS));
        List<SegmentOption> options = new ArrayList<>();
        String[] segments = line.getOptionValues("segment");
        if (segments != null) for (String s : segments) options.add(SegmentOption.parse(s));

        LogsFolder folder;
        if (args.isEmpty()) {
            Run run = CommonOptions.run(line);
            folder = LogsFolder.of(run);
            if (!Files.isDirectory(folder.logs())) throw new UsageError("run " + run.id() + " has no logs/ folder (" + folder.logs() + ")");
        } else {
            Path dir = Path.of(args.get(0));
            if (!Files.isDirectory(dir)) throw new UsageError(dir + " is not a folder");
            folder = LogsFolder.of(dir);
        }
        Path report = line.hasOption("out") ? Path.of(line.getOptionValue("out")) : folder.report();
        Path templates = Path.of(line.getOptionValue("templates", "analysis"));
        if (line.hasOption("templates") && !Files.isDirectory(templates)) throw new UsageError("--templates " + templates + " is not a folder");
        return analyze(folder, report, formats, options, templates, out, err);
    }

    /** Reads the folder's logs (and its journal's windows), writes the report. Also `flotilla test`'s last step. */
    static int analyze(LogsFolder folder, Path report, Set<Format> formats, List<SegmentOption> options, Path templates,
                       PrintStream out, PrintStream err) throws Exception {
        Path logs = folder.logs();
        Findings findings = folder.analyze(options, report);
        List<Path> written = new Report(new ReportTemplates(templates)).write(findings, formats, report);

        int read = findings.files().values().stream().mapToInt(Integer::intValue).sum();
        out.println("read " + read + " log" + (read == 1 ? "" : "s") + " under " + logs
                + (findings.files().isEmpty() ? "" : " (" + findings.files().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", ")) + ")")
                + ", " + findings.segments().size() + " segment" + (findings.segments().size() == 1 ? "" : "s"));
        if (!findings.links().isEmpty()) {
            out.println("links: " + findings.links().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
        }
        report(findings.problems(), report, err);
        out.println("wrote " + written.size() + " files to " + report
                + (formats.contains(Format.HTML) ? " (open " + report.resolve("index.html") + ")" : ""));
        if (read == 0) {
            err.println("flotilla analyze: no log of a known kind under " + logs);
            return ExitCode.HOSTS_FAILED;
        }
        return ExitCode.OK;
    }

    private static void report(Problems problems, Path report, PrintStream err) {
        long count = problems.count();
        if (count > 0) {
            err.println(count + " line" + (count == 1 ? "" : "s") + " did not parse (all in " + report.resolve("problems.txt") + "):");
            int shown = 0;
            for (Problems.FileProblems fp : problems.byFile()) {
                for (Problem p : fp.first()) {
                    if (shown++ >= PROBLEMS_SHOWN) break;
                    err.println("  " + p.where() + ": " + p.message() + (p.text().isEmpty() ? "" : ": " + p.text()));
                }
            }
        }
        // a run brings home many files that are evidence, not tables (nginx, OpenVPN logs): one line, the list in problems.txt
        int ignored = problems.ignored().size();
        if (ignored > 0) {
            err.println(ignored + (ignored == 1 ? " file" : " files") + " not counted, see " + report.resolve("problems.txt"));
        }
    }
}
