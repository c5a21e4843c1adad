package org.flotilla.fleet;

import org.flotilla.analysis.parse.Problems;
import org.flotilla.analysis.segment.JournalWindows;
import org.flotilla.analysis.segment.Segment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journal written by an earlier version (fixtures/journal, from main before journal events had
 * types) reads the same: `status` and the analysis segments are what that version made of it,
 * recorded in the *.expected.txt beside each journal.
 */
class EarlierJournalsTest {
    @TempDir
    Path runs;

    @ParameterizedTest
    @ValueSource(strings = {"local-demo-test", "failed-host-steps"})
    void statusAndSegmentsAreThoseTheEarlierVersionRead(String name) throws IOException {
        Path journal = fixture(name);
        String expected = resource(name + "/expected.txt");
        assertThat(status(RunStatus.read(new Run(name, journal.getParent()))) + segments(journal)).isEqualTo(expected);
    }

    private Path fixture(String name) throws IOException {
        Path dir = Files.createDirectories(runs.resolve(name));
        Files.writeString(dir.resolve("journal.jsonl"), resource(name + "/journal.jsonl"));
        return dir.resolve("journal.jsonl");
    }

    static String resource(String path) throws IOException {
        try (InputStream in = EarlierJournalsTest.class.getResourceAsStream("/fixtures/journal/" + path)) {
            if (in == null) throw new IOException("no fixture " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Everything `status` reads from a journal, one line a fact. */
    static String status(RunStatus s) {
        List<String> lines = new ArrayList<>();
        lines.add("run " + s.runId() + " provider " + s.provider() + " start " + s.start() + " provisioned " + s.provisioned()
                + " down " + s.down() + " terminated " + s.terminated() + " reason " + s.downReason() + " report " + s.report());
        for (RunStatus.HostStatus h : s.hosts()) {
            Host host = h.host();
            lines.add(host.id() + " " + host.role() + " " + host.index() + " " + host.providerId() + " " + host.user() + " "
                    + host.address() + ":" + host.port() + " " + h.state() + " error " + h.error());
            lines.add("  reached " + h.reached().entrySet().stream().map(e -> e.getKey() + "@" + e.getValue()).collect(Collectors.joining(" ")));
        }
        return String.join("\n", lines) + "\n";
    }

    /** The segments analysis cuts from a journal, and the problems it reports on the way. */
    static String segments(Path journal) throws IOException {
        Problems problems = new Problems();
        List<String> lines = new ArrayList<>();
        for (Segment s : JournalWindows.read(journal, "journal.jsonl", problems)) {
            lines.add("segment " + s.subtest().label() + " " + s.start() + " " + s.end());
        }
        for (Problems.FileProblems f : problems.byFile()) {
            f.first().forEach(p -> lines.add("problem " + p.where() + ": " + p.message() + (p.text().isEmpty() ? "" : ": " + p.text())));
        }
        return String.join("\n", lines) + "\n";
    }
}
