package org.flotilla.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flotilla.Ports;
import org.flotilla.e2e.FlotillaCommand.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flotilla.e2e.FlotillaCommand.flotilla;

/** The README's main job, as a user types it: ./flotilla up --detach, status, configure, down. */
class LocalDemoIT {
    @RegisterExtension
    final RunsDirs runsDirs = new RunsDirs();
    private static final Path PROJECT = FlotillaCommand.PROJECT;

    @Test
    void theReadmesQuickStartJobRunsEndToEnd() throws Exception {
        Path runs = runsDirs.create("e2e-runs-");

        Result test = flotilla(runs, "test", "--config", "config/scenarios/local-demo.conf", "--count", "client=20");

        assertThat(test.exit()).as(test.out()).isZero();
        assertThat(test.out()).contains("21 hosts: 21 ready, 0 failed", "copy [64]: 20 of 20 hosts ok", "copy [256]: 20 of 20 hosts ok",
                "0 hosts failed", "done");
        JsonNode status = new ObjectMapper().readTree(flotilla(runs, "status", "--json").out());
        Path logs = runs.resolve(status.get("run").asText()).resolve("logs");
        for (int i = 0; i < 20; i++) {
            assertThat(logs.resolve("client/client-" + i + "/dd-256MiB-client-" + i + ".txt")).content().contains("268435456 bytes");
            assertThat(logs.resolve("client/client-" + i + "/seen.conf")).content().contains("client_index=" + i);
        }
        assertThat(status.get("hosts")).hasSize(21).allSatisfy(h -> assertThat(h.get("state").asText()).isEqualTo("TERMINATED"));
    }

    @Test
    void upDetachStatusConfigureDown() throws Exception {
        Path runs = runsDirs.create("e2e-runs-");

        Result up = flotilla(runs, "up", "--config", "config/scenarios/local-demo.conf", "--count", "client=20", "--detach");
        assertThat(up.exit()).as(up.out()).isZero();
        assertThat(up.out()).contains("21 hosts: 21 ready, 0 failed").containsPattern("run \\d{8}-\\d{6}-[0-9a-f]{4}");

        Result status = flotilla(runs, "status", "--json");
        assertThat(status.exit()).as(status.out()).isZero();
        JsonNode json = new ObjectMapper().readTree(status.out());
        Path runDir = runs.resolve(json.get("run").asText());
        assertThat(json.get("daemon").get("alive").asBoolean()).isTrue();
        assertThat(json.get("hosts")).hasSize(21).allSatisfy(h -> assertThat(h.get("state").asText()).isEqualTo("READY"));
        List<Integer> ports = new ArrayList<>();
        json.get("hosts").forEach(h -> ports.add(h.get("port").asInt()));
        assertThat(ports).allSatisfy(p -> assertThat(Ports.accepts(p)).isTrue());
        for (int i = 0; i < 20; i++) {
            List<String> conf = Files.readAllLines(runDir.resolve("local/client-" + i + "/etc/demo/client.conf"));
            assertThat(conf).contains("client_index=" + i, "server_address=127.0.0.1", "run_id=" + runDir.getFileName());
        }

        Result configure = flotilla(runs, "configure");
        assertThat(configure.exit()).as(configure.out()).isZero();
        assertThat(configure.out()).contains("21 ready, 0 failed");

        Result down = flotilla(runs, "down");
        assertThat(down.exit()).as(down.out()).isZero();
        assertThat(ports).allSatisfy(p -> assertThat(Ports.accepts(p)).as("port %d after down", p).isFalse());
        JsonNode after = new ObjectMapper().readTree(flotilla(runs, "status", "--json").out());
        assertThat(after.get("hosts")).hasSize(21).allSatisfy(h -> assertThat(h.get("state").asText()).isEqualTo("TERMINATED"));
        assertThat(after.get("daemon").get("alive").asBoolean()).isFalse();
    }

    @Test
    void aKilledDaemonTakesItsLocalHostsAndDownRecordsIt() throws Exception {
        Path runs = runsDirs.create("e2e-runs-");
        Result up = flotilla(runs, "up", "--config", "config/scenarios/local-demo.conf", "--detach", "--quiet");
        assertThat(up.exit()).as(up.out()).isZero();
        JsonNode before = new ObjectMapper().readTree(flotilla(runs, "status", "--json").out());
        ProcessHandle daemon = ProcessHandle.of(before.get("daemon").get("pid").asLong()).orElseThrow();
        daemon.destroyForcibly();
        daemon.onExit().get(30, TimeUnit.SECONDS);

        Result status = flotilla(runs, "status");
        assertThat(status.out()).contains("daemon not running").contains("died with it");
        Result configure = flotilla(runs, "configure");
        assertThat(configure.exit()).isEqualTo(1);
        assertThat(configure.out()).contains("nothing to configure");
        Result down = flotilla(runs, "down");
        assertThat(down.exit()).as(down.out()).isZero();
        JsonNode after = new ObjectMapper().readTree(flotilla(runs, "status", "--json").out());
        assertThat(after.get("hosts")).hasSize(4).allSatisfy(h -> assertThat(h.get("state").asText()).isEqualTo("TERMINATED"));
        before.get("hosts").forEach(h -> assertThat(Ports.accepts(h.get("port").asInt())).isFalse());
    }

    @Test
    void sigtermOnAForegroundUpTerminatesTheFleet() throws Exception {
        Path runs = runsDirs.create("e2e-runs-");
        Process up = new ProcessBuilder("./flotilla", "up", "--config", "config/scenarios/local-demo.conf", "--runs-dir", runs.toString())
                .directory(PROJECT.toFile()).redirectErrorStream(true).redirectOutput(runs.resolve("up.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.readString(runs.resolve("up.out")).contains("holding the fleet")) {
            assertThat(up.isAlive()).as(Files.readString(runs.resolve("up.out"))).isTrue();
            assertThat(System.nanoTime()).as("up did not hold the fleet in time").isLessThan(deadline);
            Thread.sleep(50); // watching the output the user would watch
        }
        JsonNode before = new ObjectMapper().readTree(flotilla(runs, "status", "--json").out());

        up.toHandle().destroy(); // SIGTERM, as `kill PID` or a Ctrl-C would
        assertThat(up.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(Files.readString(runs.resolve("up.out"))).contains("terminating the fleet");
        JsonNode after = new ObjectMapper().readTree(flotilla(runs, "status", "--json").out());
        assertThat(after.get("hosts")).hasSize(4).allSatisfy(h -> assertThat(h.get("state").asText()).isEqualTo("TERMINATED"));
        before.get("hosts").forEach(h -> assertThat(Ports.accepts(h.get("port").asInt())).isFalse());
    }

    @Test
    void helpIsThereForEveryCommand() throws Exception {
        Path runs = runsDirs.create("e2e-runs-");
        for (String command : List.of("up", "status", "configure", "down")) {
            Result help = flotilla(runs, command, "--help");
            assertThat(help.exit()).isZero();
            assertThat(help.out()).startsWith("usage: flotilla " + command);
        }
    }
}
