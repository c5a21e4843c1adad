package org.flotilla.provider.lab;

import org.flotilla.Flotilla;
import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `up` on the lab killed with SIGKILL (no shutdown hook runs), then `down` from a new process
 * that knows only the run directory: no container (the jump host's neither), namespace, veth,
 * bridge, mount or relay of the run is left. Killed twice: while hosts are still starting, and
 * once all are READY (then the hosts, which outlive the process, are first configured again
 * from another process, which finds the jump host's relay gone and starts it again).
 */
@Tag("lab")
class LabKillTest {
    @TempDir
    Path tmp;

    @Test
    void aKilledUpLeavesNothingAfterDownWhetherKilledWhileStartingOrOnceReady() throws Exception {
        LabLeftovers before = LabLeftovers.baseline();
        // while starting: the second host's namespace exists, so the jump host and its relay, and the first host's container, may too
        killThenDown("starting", tmp.resolve("a"), LabKillTest::secondHostWired, before);
        killThenDown("ready", tmp.resolve("b"), null, before);
    }

    /** The lab namespace, the jump host's and two hosts' namespaces exist (cheap to look at: no podman call while the image may be building). */
    private static boolean secondHostWired(Run run) {
        return new LabNetwork(new LabNames(run.id()), null).namespaces().size() >= 4;
    }

    private void killThenDown(String when, Path dir, Predicate<Run> killWhen, LabLeftovers before) throws Exception {
        Workspace w = new Workspace(dir);
        Path conf = w.config("lab.conf", "provider = lab\nroles.web.count = 3\n");
        Settings settings = w.settings(conf);
        Path out = dir.resolve("up.out");
        Process up = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                Flotilla.class.getName(), "up", "--config", conf.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        String runId = null;
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (true) {
                assertThat(up.isAlive()).as("up ended early: %s", Files.exists(out) ? Files.readString(out) : "").isTrue();
                assertThat(System.nanoTime()).as("%s: no kill instant within 10 minutes", when).isLessThan(deadline);
                Optional<Run> run = Run.open(w.runsDir, null);
                if (run.isPresent()) {
                    runId = run.get().id();
                    boolean now = killWhen == null ? RunStatus.read(run.get()).count(HostState.READY) == 3
                            : killWhen.test(run.get());
                    if (now) break;
                }
                Thread.sleep(killWhen == null ? 200 : 20);
            }
        } finally {
            up.destroyForcibly(); // SIGKILL
            up.waitFor();
        }
        boolean downed = false;
        try {
            LabLeftovers killed = LabLeftovers.of(settings, runId);
            System.out.println("lab: killed " + when + ", left before down: " + killed);
            assertThat(killed.namespaces()).as("the count sees what a killed run leaves").isPositive();
            if (killWhen == null) {
                assertThat(killed.containers()).as("3 hosts and the jump host").isEqualTo(4);
                assertThat(killed.relays()).as("the jump host's relay").isPositive();
                assertThat(killed.mounts()).isPositive();
                assertThat(killed.beyond(before).cgroups()).isPositive();
                // lab hosts outlive the process that started them: a new process configures them from the journal,
                // through the jump host, whose relay it starts again when it finds it gone
                Relay.stop(runId, java.util.Set.of(LabJumpHost.ID));
                Workspace.Result configure = w.cliInRuns("configure");
                assertThat(configure.exit()).as(configure.toString()).isZero();
                assertThat(configure.out()).as(configure.toString()).contains("3 ready");
            }
            long start = System.nanoTime();
            Workspace.Result down = w.cliInRuns("down");
            System.out.printf("lab: down after the kill (%s) took %.1f s%n", when, (System.nanoTime() - start) / 1e9);
            assertThat(down.exit()).as(down.toString()).isZero();
            assertThat(down.out()).as(down.toString()).contains("lab guard: no packet tried to leave the lab");
            assertThat(LabLeftovers.of(settings, runId).beyond(before)).as(down.toString()).isEqualTo(LabLeftovers.NOTHING);
            downed = true;
        } finally {
            if (!downed) w.cliInRuns("down"); // an assertion failed first: the lab is removed all the same
        }
    }
}
