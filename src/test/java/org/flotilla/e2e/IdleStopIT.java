package org.flotilla.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** provision.idle-stop on local hosts, through ./flotilla: a fleet left alone is torn down; commands and tests keep it up. */
class IdleStopIT {
    @RegisterExtension
    final RunsDirs runsDirs = new RunsDirs();
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void statusEverySecondKeepsTheFleetUpThenLeftAloneItIsTornDown() throws Exception {
        Path runs = runsDirs.create("e2e-idle-");
        // 6 s: a status every second starts a JVM each time (up to ~2.5 s on a busy machine), well inside it
        flotilla(runs, "up", "--config", "config/scenarios/local-demo.conf", "--count", "client=2", "--set", "provision.idle-stop=6s", "--detach");
        Instant until = Instant.now().plusSeconds(14);
        while (Instant.now().isBefore(until)) {
            assertThat(status(runs).path("daemon").path("alive").asBoolean()).as("the fleet is up while touched").isTrue();
            Thread.sleep(1000);
        }
        Instant leftAlone = Instant.now();
        JsonNode after = awaitTornDown(runs, Duration.ofSeconds(30));
        Instant down = downEvent(runs).map(e -> Instant.parse(e.get("t").asText())).orElseThrow();
        assertThat(Duration.between(leftAlone, down)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(12));

        assertThat(after.get("hosts")).hasSize(3).allSatisfy(h -> assertThat(h.get("state").asText()).isEqualTo("TERMINATED"));
        assertThat(after.path("down").asText()).startsWith("idle for 6s: no test and no command since ").endsWith("(the last: status)");
        assertThat(downEvent(runs).orElseThrow().get("reason").asText()).isEqualTo(after.path("down").asText());
        assertThat(flotilla(runs, "status")).contains("torn down by the daemon: idle for 6s: no test and no command since");
    }

    @Test
    void aTestLongerThanTheIdleTimeKeepsTheFleetUpUntilItEnds() throws Exception {
        Path runs = runsDirs.create("e2e-idle-");
        // 6 s of idle time: the next command's JVM starts within it even on a loaded machine (3 s was
        // sometimes gone before `run` touched the fleet); the test runs twice that long.
        flotilla(runs, "up", "--config", "config/scenarios/local-demo.conf", "--count", "client=1", "--set", "provision.idle-stop=6s",
                "--set", "tests.hold={roles=[client],command=\"sleep 14\",duration=14s,grace=10s}", "--detach");
        String out = flotilla(runs, "run", "hold");
        Instant ended = Instant.now();
        assertThat(out).contains("hold: 1 of 1 hosts ok");

        awaitTornDown(runs, Duration.ofSeconds(30));
        JsonNode down = downEvent(runs).orElseThrow();
        assertThat(down.get("reason").asText()).startsWith("idle for 6s: no test and no command since ").endsWith("(the last: run hold)");
        assertThat(Instant.parse(down.get("t").asText())).isAfter(ended.plusSeconds(2));
        JsonNode window = events(runs).stream().filter(e -> e.get("event").asText().equals("window")).findFirst().orElseThrow();
        assertThat(window.get("exit").asInt()).isZero();
    }

    private static JsonNode awaitTornDown(Path runs, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (downEvent(runs).isPresent()) {
                // the daemon exits right after journaling down
                Thread.sleep(500);
                JsonNode s = status(runs);
                assertThat(s.path("daemon").path("alive").asBoolean()).isFalse();
                return s;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not torn down within " + within + ": " + flotilla(runs, "status"));
    }

    private static java.util.Optional<JsonNode> downEvent(Path runs) throws Exception {
        return events(runs).stream().filter(e -> e.get("event").asText().equals("down")).findFirst();
    }

    private static List<JsonNode> events(Path runs) throws Exception {
        Path run;
        try (Stream<Path> dirs = Files.list(runs)) {
            run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("journal.jsonl"))) events.add(JSON.readTree(line));
        return events;
    }

    private static JsonNode status(Path runs) throws Exception {
        return JSON.readTree(flotilla(runs, "status", "--json"));
    }

    private static String flotilla(Path runs, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("./flotilla"));
        command.addAll(Arrays.asList(args));
        command.add("--runs-dir");
        command.add(runs.toString());
        Process p = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + "\n" + out).isZero();
        return out;
    }
}
