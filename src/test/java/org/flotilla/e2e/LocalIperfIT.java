package org.flotilla.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The classic procedure in one command, with real iperf3 and dstat on local hosts. */
class LocalIperfIT {
    @RegisterExtension
    final RunsDirs runsDirs = new RunsDirs();
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @Test
    void testCommandRunsTheFleetTestEndToEnd() throws Exception {
        Path runs = runsDirs.create("e2e-runs-");
        Process p = new ProcessBuilder("./flotilla", "test", "--config", "config/scenarios/local-iperf.conf", "--count", "client=10",
                "--runs-dir", runs.toString()).directory(PROJECT.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("11 hosts: 11 ready, 0 failed", "iperf-5s [json]: 10 of 10 hosts ok", "iperf-5s [text]: 10 of 10 hosts ok",
                "0 hosts failed");

        Path run;
        try (Stream<Path> dirs = Files.list(runs)) {
            run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        List<JsonNode> windows = new ArrayList<>();
        List<String> states = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("journal.jsonl"))) {
            JsonNode n = new ObjectMapper().readTree(line);
            if (n.path("event").asText().equals("window")) windows.add(n);
        }
        assertThat(windows).hasSize(20).allSatisfy(n -> assertThat(n.get("exit").asInt()).isZero());
        for (int i = 0; i < 10; i++) {
            Path logs = run.resolve("logs/client/client-" + i);
            JsonNode iperf = new ObjectMapper().readTree(logs.resolve("iperf-json-client-" + i + ".json").toFile());
            assertThat(iperf.at("/end/sum_received/bytes").asLong()).as("client-%d moved data", i).isPositive();
            assertThat(logs.resolve("iperf-text-client-" + i + ".txt")).content().contains("receiver");
        }
        Path server = run.resolve("logs/server/server-0");
        assertThat(server.resolve("dstat.txt")).content().containsPattern("\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\|");
        assertThat(Files.list(server).filter(f -> f.getFileName().toString().startsWith("iperf3-server-"))).hasSize(10);

        List<String> classic = Files.readAllLines(run.resolve("report/classic-bandwidth.csv"));
        assertThat(classic).contains("Test;Subtest;Host;Clients;Total transfer (MB);Total bandwidth (Mbit/s);Average bandwidth (Mbit/s)");
        assertThat(classic).filteredOn(l -> l.startsWith("iperf-5s;json;all;10;")).hasSize(1);
        assertThat(classic).filteredOn(l -> l.startsWith("iperf-5s;text;all;10;")).hasSize(1);
        assertThat(run.resolve("report/index.html")).exists();

        Process status = new ProcessBuilder("./flotilla", "status", "--json", "--runs-dir", runs.toString())
                .directory(PROJECT.toFile()).start();
        JsonNode hosts = new ObjectMapper().readTree(status.getInputStream()).get("hosts");
        hosts.forEach(h -> states.add(h.get("state").asText()));
        assertThat(states).hasSize(11).containsOnly("TERMINATED");
    }
}
