package org.flotilla.dashboard;

import org.flotilla.Workspace;
import org.flotilla.config.ConfigSources;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "It costs the fleet nothing it does not use": local-iperf's test run with `flotilla run` while no
 * page is open reads no host's logs for live figures; a page opened while a test runs starts the
 * reads and charts that test's bandwidth.
 */
class NoPageNoReadsTest {
    @TempDir
    Path tmp;

    @Test
    void aTestRunWithNoPageOpenReadsNoLiveFigures() throws Exception {
        Settings s = Settings.load(new ConfigSources(Path.of("config/scenarios/local-iperf.conf"), List.of(
                "runs-dir=\"" + tmp.resolve("runs") + "\"", "vars={ base-port = 25301, run-limit = 120 }",
                "tests.iperf-40s = { roles = [client], duration = 40s, grace = 20s, logs.client = [\"logs/\"], command = \"iperf3 -c ${fleet.server[0].address}"
                        + " -p ${vars['base-port'] + host.index} -t 40 -b 10M --forceflush --logfile logs/iperf-text-${host.id}.txt\" }"), Map.of("client", 2)));
        Run run = Run.create(s.runsDir());
        Workspace w = new Workspace(tmp);
        try (FleetDaemon d = FleetDaemon.launch(s, run)) {
            try {
                assertThat(d.up().failed()).isEmpty();
                d.serve();

                Workspace.Result unwatched = w.cliInRuns("run", "iperf-5s", "--pattern", "text", "--run", run.id());
                assertThat(unwatched.exit()).as(unwatched.toString()).isZero();
                assertThat(unwatched.out()).contains("iperf-5s [text]: 2 of 2 hosts ok");
                assertThat(d.liveFigureReads()).as("host log reads for live figures with no page open").isZero();

                CompletableFuture<Workspace.Result> watched = CompletableFuture.supplyAsync(() -> w.cliInRuns("run", "iperf-40s", "--run", run.id()));
                try {
                    Path log = run.localDir().resolve("client-0/logs/iperf-text-client-0.txt");
                    await("iperf-40s writing its log", () -> Files.isRegularFile(log) && log.toFile().length() > 0);
                    assertThat(d.liveFigureReads()).as("host log reads before a page opened").isZero();
                    try (Browser b = Browser.onDashboard(d, run, tmp.resolve("browser"), "#tests")) {
                        b.await("non-zero bandwidth in the live chart of the running test", Duration.ofSeconds(30),
                                () -> b.script("return window.flotillaLive && window.flotillaLive.firstNonZero") != null);
                        assertThat(watched).as("the test still runs").isNotDone();
                        assertThat(d.liveFigureReads()).as("host log reads once the page opened").isPositive();
                    }
                } finally {
                    Workspace.Result r = watched.get(3, TimeUnit.MINUTES);
                    assertThat(r.exit()).as(r.toString()).isZero();
                }
            } finally {
                d.down();
            }
        }
    }

    private static void await(String what, BooleanSupplier ok) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofMinutes(1));
        while (!ok.getAsBoolean()) {
            assertThat(Instant.now()).as("waited a minute for " + what).isBefore(until);
            Thread.sleep(100);
        }
    }
}
