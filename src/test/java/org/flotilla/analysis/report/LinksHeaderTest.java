package org.flotilla.analysis.report;

import org.flotilla.Workspace;
import org.flotilla.fleet.Journal;
import org.flotilla.fleet.JournalEvent.LinksShaped;
import org.flotilla.fleet.JournalEvent.RunStarted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The links a lab run's hosts had, as its journal recorded them, head the report: index.html, each Markdown table, the terminal. */
class LinksHeaderTest {
    @TempDir
    Path tmp;

    private Path run(Map<String, String> links) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Path logs = Files.createDirectories(dir.resolve("logs/client-0"));
        Files.copy(Path.of("src/test/resources/fixtures/iperf3/iperf3-tcp.json"), logs.resolve("iperf-json-client-0.json"));
        try (Journal journal = new Journal(dir.resolve("journal.jsonl"))) {
            journal.append(new RunStarted("20261130-030000-abcd", "lab", 2, 1));
            if (!links.isEmpty()) journal.append(new LinksShaped(links));
        }
        return dir;
    }

    @Test
    void eachRolesLinkHeadsTheReport() throws IOException {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("client", "100mbit, 2% loss");
        links.put("server", "1gbit");
        Path dir = run(links);
        Workspace.Result r = new Workspace(tmp).cli("analyze", dir.toString(), "--format", "markdown,html");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("links: client: 100mbit, 2% loss; server: 1gbit\n");
        String shown = "Links: client: 100mbit, 2% loss; server: 1gbit";
        assertThat(Files.readString(dir.resolve("report/index.html"))).contains("<p id=\"links\">" + shown + ".</p>");
        assertThat(Files.readString(dir.resolve("report/bandwidth.md"))).startsWith(shown + "\n\n| ");
    }

    @Test
    void aRunWithoutShapedLinksSaysNothingOfLinks() throws IOException {
        Path dir = run(Map.of());
        Workspace.Result r = new Workspace(tmp).cli("analyze", dir.toString(), "--format", "markdown,html");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("links");
        assertThat(Files.readString(dir.resolve("report/index.html"))).doesNotContain("Links:");
        assertThat(Files.readString(dir.resolve("report/bandwidth.md"))).startsWith("| ");
    }
}
