package org.flotilla.analysis;

import org.flotilla.analysis.parse.Problems;
import org.flotilla.analysis.segment.JournalWindows;
import org.flotilla.analysis.segment.Segment;
import org.flotilla.analysis.segment.SegmentOption;
import org.flotilla.fleet.Run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A folder of logs to analyze, with the run's journal when there is one, and where its report goes
 * by default. The entry point for whoever analyzes a run: {@code flotilla analyze}, and
 * {@code flotilla test} at its end.
 *
 * @param journal the run's journal.jsonl, or null for a plain folder
 */
public record LogsFolder(Path logs, Path journal, Path report) {
    /** A run's runs/<id>/logs, its journal, its runs/<id>/report. */
    public static LogsFolder of(Run run) {
        return new LogsFolder(run.dir().resolve("logs"), run.journal(), run.dir().resolve("report"));
    }

    /** Any folder: a run's folder, a run's logs/ folder (the journal is beside it), or a plain folder of logs (report: DIR/report). */
    public static LogsFolder of(Path dir) {
        if (Files.isRegularFile(dir.resolve("journal.jsonl")) && Files.isDirectory(dir.resolve("logs"))) {
            return new LogsFolder(dir.resolve("logs"), dir.resolve("journal.jsonl"), dir.resolve("report"));
        }
        Path parent = dir.toAbsolutePath().normalize().getParent();
        Path journal = parent != null && Files.isRegularFile(parent.resolve("journal.jsonl")) ? parent.resolve("journal.jsonl") : null;
        return new LogsFolder(dir, journal, dir.resolve("report"));
    }

    /** Reads every log, cut by the journal's windows and the given segments; the report folder, when under the logs, is not read. */
    public Findings analyze(List<SegmentOption> segments, Path reportDir) throws IOException {
        Problems journalProblems = new Problems();
        List<Segment> windows = journal == null ? List.of() : JournalWindows.read(journal, journal.toString(), journalProblems);
        Map<String, String> links = journal == null ? Map.of() : JournalLinks.read(journal, journalProblems);
        Findings findings = new Analysis(logs, windows, segments, reportDir).run();
        findings.problems().add(journalProblems);
        return findings.withLinks(links);
    }
}
