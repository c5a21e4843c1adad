package org.flotilla.analysis.segment;

import org.flotilla.analysis.parse.Problem;
import org.flotilla.analysis.parse.Problems;
import org.flotilla.fleet.Journal;
import org.flotilla.fleet.JournalEvent.StateChanged;
import org.flotilla.fleet.JournalEvent.Window;
import org.flotilla.fleet.HostState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Segments come from the journal's windows, written through the same type that reads them. */
class JournalWindowsTest {
    @TempDir
    Path dir;

    @Test
    void windowsOfATestAndPatternMakeOneSegmentAndAHostThatNeverStartedIsAProblem() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Instant t0 = Instant.parse("2026-11-29T22:31:40Z");
        try (Journal journal = new Journal(file)) {
            journal.record(new StateChanged("client-0", HostState.FAILED, null, null, "a window of its own"));
            journal.appendAll(List.of(
                    new Window("client-0", "client", "copy", "64", t0, t0.plusSeconds(5), 0, null),
                    new Window("client-1", "client", "copy", "64", t0.minusMillis(3), t0.plusSeconds(4), 2, "exited 2"),
                    new Window("client-2", "client", "copy", "64", null, null, -1, "unreachable")));
        }
        Problems problems = new Problems();
        List<Segment> segments = JournalWindows.read(file, "journal.jsonl", problems);
        assertThat(segments).containsExactly(new Segment(new Subtest("copy", "64"), t0.minusMillis(3), t0.plusSeconds(5)));
        assertThat(problems.byFile().get(0).first()).extracting(Problem::message)
                .containsExactly("host client-1 ran copy/64 with exit 2", "not a window event: no start");
    }
}
