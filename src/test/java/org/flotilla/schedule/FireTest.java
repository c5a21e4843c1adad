package org.flotilla.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `flotilla run`: every host of the roles starts at once, each window lands in the journal. */
class FireTest {
    @TempDir
    Path tmp;

    private Workspace w;

    private Path config(String tests) {
        w = new Workspace(tmp);
        return w.config("fleet.conf", """
                roles {
                  server.count = 1
                  client {
                    count = 6
                    after = [server]
                  }
                }
                tests {
                """ + tests + "\n}\n");
    }

    /** Runs the CLI command while the fleet is held by a daemon in this process. */
    private Workspace.Result withFleet(Path config, String... runArgs) throws Exception {
        Settings s = w.settings(config);
        try (FleetDaemon d = FleetDaemon.launch(s, Run.create(s.runsDir()))) {
            assertThat(d.up().failed()).isEmpty();
            d.serve();
            List<String> args = new ArrayList<>(List.of("run"));
            args.addAll(List.of(runArgs));
            Workspace.Result r = w.cliInRuns(args.toArray(String[]::new));
            d.down();
            return r;
        }
    }

    private List<JsonNode> windows() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(w.latestRun().journal())) {
            JsonNode n = new ObjectMapper().readTree(line);
            if (n.path("event").asText().equals("window")) out.add(n);
        }
        return out;
    }

    @Test
    void everyClientRunsEachPatternInOrderAndItsWindowIsJournaled() throws Exception {
        Path conf = config("""
                  hello {
                    roles = [client]
                    patterns = [one, two]
                    duration = 2s
                    command = "echo ${test.name} ${pattern} on ${host.id} > out-${pattern}.txt; echo said ${pattern}"
                  }
                """);

        Workspace.Result r = withFleet(conf, "hello");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("hello [one]: 6 of 6 hosts ok, start spread").contains("hello [two]: 6 of 6 hosts ok");
        List<JsonNode> windows = windows();
        assertThat(windows).hasSize(12);
        assertThat(windows.subList(0, 6)).allSatisfy(n -> assertThat(n.get("pattern").asText()).isEqualTo("one"));
        Instant lastEndOfOne = windows.subList(0, 6).stream().map(n -> Instant.parse(n.get("end").asText())).max(Instant::compareTo).orElseThrow();
        for (JsonNode n : windows) {
            assertThat(n.get("role").asText()).isEqualTo("client");
            assertThat(n.get("exit").asInt()).isZero();
            Instant start = Instant.parse(n.get("start").asText());
            assertThat(Instant.parse(n.get("end").asText())).isAfterOrEqualTo(start);
            if (n.get("pattern").asText().equals("two")) assertThat(start).as("patterns run in order").isAfter(lastEndOfOne);
        }
        Run run = w.latestRun();
        assertThat(run.localDir().resolve("client-4/out-two.txt")).hasContent("hello two on client-4");
        assertThat(run.hostLog("client-4")).content().contains("test hello [one]", "exit 0", "said one");
        assertThat(run.localDir().resolve("server-0/out-one.txt")).as("only the test's roles run it").doesNotExist();
    }

    @Test
    void aHostWhoseCommandFailsIsNamedAndTheOthersStillCount() throws Exception {
        Path conf = config("""
                  check {
                    roles = [client]
                    duration = 2s
                    command = "echo checking ${host.index} >&2; test ${host.index} -ne 4"
                  }
                """);

        Workspace.Result r = withFleet(conf, "check");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("5 of 6 hosts ok").contains("client-4  FAILED  exited 1: checking 4");
        assertThat(windows()).filteredOn(n -> n.get("host").asText().equals("client-4"))
                .singleElement().satisfies(n -> assertThat(n.get("exit").asInt()).isEqualTo(1));
    }

    @Test
    void aCommandThatOverrunsDurationAndGraceIsStoppedOnTheHost() throws Exception {
        Path conf = config("""
                  stuck {
                    roles = [server]
                    duration = 1s
                    grace = 1s
                    command = "sleep 60"
                  }
                """);
        long t0 = System.nanoTime();

        Workspace.Result r = withFleet(conf, "stuck");

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(40));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("server-0  FAILED  stopped by the host after 2s");
    }

    @Test
    void unknownTestsAndPatternsAreUsageErrors() throws Exception {
        Path conf = config("""
                  hello {
                    roles = [client]
                    patterns = [a]
                    command = "true"
                  }
                """);
        Settings s = w.settings(conf);
        try (FleetDaemon d = FleetDaemon.launch(s, Run.create(s.runsDir()))) {
            d.up();
            assertThat(w.cliInRuns("run", "nope").err()).contains("no test 'nope' (tests: hello)");
            Workspace.Result badPattern = w.cliInRuns("run", "hello", "--pattern", "b");
            assertThat(badPattern.exit()).isEqualTo(2);
            assertThat(badPattern.err()).contains("no pattern 'b' (patterns: a)");
            assertThat(w.cliInRuns("run").out()).contains("hello  roles client, start fire, patterns a");
            d.down();
        }
    }
}
