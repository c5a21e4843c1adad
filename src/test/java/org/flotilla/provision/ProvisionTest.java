package org.flotilla.provision;

import org.flotilla.Ports;
import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;
import org.flotilla.provider.local.LocalProvider;
import org.flotilla.ssh.ClientKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline against real MINA SSH servers (the local provider), as `up`, `configure` and `down` drive it. */
class ProvisionTest {
    @TempDir
    Path tmp;
    Workspace w;

    @BeforeEach
    void resources() {
        w = new Workspace(tmp);
        w.write("resources/demo/client.conf.ftl", """
                run_id=${run.id}
                client_index=${host.index}
                server_address=${fleet.server[0].address}
                server_port=${fleet.server[0].port}
                greeting=${vars.greeting}
                """);
        w.write("resources/demo/server.txt", "static server file\n");
    }

    private Path demo(int clients, String extra) {
        return w.config("demo.conf", """
                vars.greeting = hello
                roles {
                  server {
                    resources = [ { source = "demo/server.txt", dest = "etc/server.txt" } ]
                    setup = [ "mkdir -p var && echo started > var/started" ]
                  }
                  client {
                    count = %d
                    after = [server]
                    resources = [ { source = "demo/client.conf.ftl", dest = "etc/client.conf", mode = "0600" } ]
                    setup = [ "grep -q server_address etc/client.conf" ]
                  }
                }
                """.formatted(clients) + extra);
    }

    private FleetDaemon launch(Path config, String... sets) {
        Settings settings = w.settings(config, sets);
        return FleetDaemon.launch(settings, Run.create(settings.runsDir()));
    }

    @Test
    void everyHostReadyWithItsOwnRenderedFilesAndDownLeavesNothingListening() throws Exception {
        List<Integer> ports;
        Run run;
        try (FleetDaemon d = launch(demo(6, ""))) {
            Outcome o = d.up();
            assertThat(o.failed()).isEmpty();
            assertThat(o.ready()).isEqualTo(7);
            run = w.latestRun();
            Path server = run.localDir().resolve("server-0");
            assertThat(server.resolve("etc/server.txt")).hasContent("static server file");
            assertThat(server.resolve("var/started")).hasContent("started");
            int serverPort = d.run().fleet().host("server-0").port();
            for (int i = 0; i < 6; i++) {
                Path conf = run.localDir().resolve("client-" + i).resolve("etc/client.conf");
                assertThat(Files.readAllLines(conf)).contains("run_id=" + run.id(), "client_index=" + i,
                        "server_address=127.0.0.1", "server_port=" + serverPort, "greeting=hello");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf))).isEqualTo("rw-------");
            }
            ports = ((LocalProvider) d.run().provider()).listeningPorts();
            assertThat(ports).hasSize(7).allSatisfy(p -> assertThat(Ports.accepts(p)).isTrue());

            assertThat(d.down().failures()).isEmpty();
        }
        assertThat(ports).allSatisfy(p -> assertThat(Ports.accepts(p)).as("port %d after down", p).isFalse());
        RunStatus status = RunStatus.read(run);
        assertThat(status.hosts()).hasSize(7).allSatisfy(h -> assertThat(h.state()).isEqualTo(HostState.TERMINATED));
        assertThat(run.hostLog("client-2")).content().contains("setup step 1/1", "exit 0", "READY");
    }

    @Test
    void eachHostIsConfiguredAsItComesUpWithoutWaitingForTheFleet() throws Exception {
        // One role, no `after`: nothing may hold a booted host back until the slow ones answer.
        Path conf = w.config("stream.conf", """
                local.boot-delay = "1s..10s"
                roles.client {
                  count = 12
                  setup = [ "echo configured ${host.id}" ]
                }
                """);
        try (FleetDaemon d = launch(conf)) {
            assertThat(d.up().failed()).isEmpty();
            d.down();
        }
        RunStatus status = w.status();
        Instant firstReady = earliest(status, "client", HostState.READY);
        Instant lastReachable = latest(status, "client", HostState.REACHABLE);
        assertThat(firstReady).as("the first client is READY before the last one answers SSH").isBefore(lastReachable);
    }

    @Test
    void clientsAreConfiguredOnlyOnceTheServerIsReady() throws Exception {
        try (FleetDaemon d = launch(demo(8, "local.boot-delay = \"0s..2s\"\n"))) {
            assertThat(d.up().failed()).isEmpty();
            d.down();
        }
        RunStatus status = w.status();
        Instant serverReady = latest(status, "server", HostState.READY);
        assertThat(earliest(status, "client", HostState.CONFIGURING)).isAfterOrEqualTo(serverReady);
    }

    @Test
    void aFailingStepFailsOnlyItsHostAndNamesTheStepAndItsOutput() throws Exception {
        try (FleetDaemon d = launch(demo(5, ""),
                "roles.client.setup=[\"echo checking client ${host.index}; test ${host.index} -ne 3\"]")) {
            Outcome o = d.up();
            assertThat(o.ready()).isEqualTo(5);
            assertThat(o.failed()).containsOnlyKeys("client-3");
            assertThat(o.failed().get("client-3")).contains("setup step 1/1", "test 3 -ne 3", "exited 1", "checking client 3");
            d.down();
        }
        assertThat(w.latestRun().hostLog("client-3")).content().contains("checking client 3", "exit 1", "FAILED");
    }

    @Test
    void aTemplateErrorFailsTheHostWithTheTemplatesFileAndLine() throws Exception {
        w.write("resources/demo/client.conf.ftl", "ok=1\nbroken=${fleet.nosuchrole[0].address}\n");
        try (FleetDaemon d = launch(demo(2, ""))) {
            Outcome o = d.up();
            assertThat(o.failed()).containsOnlyKeys("client-0", "client-1");
            assertThat(o.failed().get("client-0")).contains("client.conf.ftl:2");
            assertThat(o.ready()).isEqualTo(1);
            d.down();
        }
    }

    @Test
    void aWrongClientKeyIsRefusedAfterOneAttempt() throws Exception {
        Path wrongKey = tmp.resolve("wrong_key");
        ClientKey.generate(wrongKey, "not the run's key");
        try (FleetDaemon d = launch(demo(3, ""), "ssh.key=\"" + wrongKey + "\"")) {
            Outcome o = d.up();
            assertThat(o.ready()).isZero();
            assertThat(o.failed()).hasSize(4);
            assertThat(o.failed().values()).allSatisfy(why -> assertThat(why).contains("authentication refused"));
            d.down();
        }
        Run run = w.latestRun();
        for (String host : List.of("server-0", "client-0")) {
            assertThat(run.hostLog(host)).content().doesNotContain("attempt 1").doesNotContain("retrying");
        }
    }

    @Test
    void aHostKeyThatChangesBetweenUpAndConfigureIsRefused() throws Exception {
        try (FleetDaemon d = launch(demo(3, ""))) {
            assertThat(d.up().failed()).isEmpty();
            ((LocalProvider) d.run().provider()).rekey("client-1");

            Outcome again = d.run().configure();

            assertThat(again.failed()).containsOnlyKeys("client-1");
            assertThat(again.failed().get("client-1")).contains("host key changed");
            assertThat(again.ready()).isEqualTo(3);
            d.down();
        }
    }

    @Test
    void acceptedHostKeysAreRecordedInTheRunsKnownHosts() throws Exception {
        Path conf = demo(1, "");
        Settings settings = w.settings(conf);
        Run run = Run.create(settings.runsDir());
        try (FleetDaemon d = FleetDaemon.launch(settings, run)) {
            assertThat(d.up().failed()).isEmpty();
            String recorded = Files.readString(run.knownHosts());
            assertThat(recorded.lines()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("[127.0.0.1]:"));
            d.down();
        }
    }

    @Test
    void tooFewReadyHostsIsExitCodeOneThroughTheCli() throws Exception {
        Path conf = demo(4, "");
        Workspace.Result[] result = new Workspace.Result[1];
        Thread up = new Thread(() -> result[0] = w.cli("up", "--config", conf.toString(),
                "--set", "roles.client.setup=[\"echo oops >&2; test ${host.index} -ne 3\"]"));
        up.start();
        Run run = awaitProvisioned();
        Workspace.Result down = w.cliInRuns("down");
        up.join(60_000);
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(result[0].exit()).as(result[0].toString()).isEqualTo(1);
        assertThat(result[0].out()).contains("4 ready, 1 failed").contains("client-3").contains("test 3 -ne 3").contains("oops");
        assertThat(RunStatus.read(run).hosts()).allSatisfy(h -> assertThat(h.state()).isEqualTo(HostState.TERMINATED));
    }

    private Run awaitProvisioned() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            var run = Run.open(w.runsDir, null);
            if (run.isPresent() && RunStatus.read(run.get()).provisioned() && Files.exists(run.get().daemonFile())) return run.get();
            Thread.sleep(50); // polling the journal the daemon writes: the thing we wait on
        }
        throw new AssertionError("the fleet was not provisioned within 60 s");
    }

    private static Instant earliest(RunStatus status, String role, HostState state) {
        return reached(status, role, state).min(Instant::compareTo).orElseThrow();
    }

    private static Instant latest(RunStatus status, String role, HostState state) {
        return reached(status, role, state).max(Instant::compareTo).orElseThrow();
    }

    private static java.util.stream.Stream<Instant> reached(RunStatus status, String role, HostState state) {
        return status.hosts().stream().filter(h -> h.host().role().equals(role)).map(h -> h.reached().get(state));
    }
}
