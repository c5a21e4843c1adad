package org.flotilla.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flotilla.Workspace;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `down` of a held local fleet: the daemon is told apart from other processes, and two `down`s at once agree. */
class DownCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A detached local fleet of two hosts; returns its daemon's pid. */
    private long up(Workspace w) throws Exception {
        Workspace.Result up = w.cli("up", "--config", w.config("fleet.conf", "roles.web.count = 2\n").toString(), "--detach");
        assertThat(up.exit()).as(up.toString()).isZero();
        return JSON.readTree(w.latestRun().daemonFile().toFile()).path("pid").asLong();
    }

    /** Ends the daemon this test started, whatever the test left (SIGTERM: it terminates its local hosts). */
    private static void stop(long pid) throws Exception {
        var p = ProcessHandle.of(pid);
        if (p.isPresent()) {
            p.get().destroy();
            p.get().onExit().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDaemonWhoseRecordedStartTimeDriftedIsStillTheDaemon() throws Exception {
        Workspace w = new Workspace(tmp);
        long pid = up(w);
        try {
            Run run = w.latestRun();
            // What a stepped clock does to a start time derived from the boot time: seconds off.
            ObjectNode info = (ObjectNode) JSON.readTree(run.daemonFile().toFile());
            Instant started = ProcessHandle.of(pid).orElseThrow().info().startInstant().orElseThrow();
            info.put("started", started.plusSeconds(3).toString());
            Files.writeString(run.daemonFile(), JSON.writeValueAsString(info));

            Workspace.Result down = w.cliInRuns("down");

            assertThat(down.exit()).as(down.toString()).isZero();
            assertThat(down.out()).doesNotContain("is not running").contains("2 of 2 hosts terminated");
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the daemon was told to go, and went").isEmpty();
        } finally {
            stop(pid);
        }
    }

    @Test
    void aLiveProcessThatCannotBeToldFromTheDaemonIsNeverTakenForDead() throws Exception {
        Workspace w = new Workspace(tmp);
        long pid = up(w);
        Process other = new ProcessBuilder("sleep", "120").start();
        Run run = w.latestRun();
        String daemonJson = Files.readString(run.daemonFile());
        try {
            int closed;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            // daemon.json as an older Flotilla wrote it, naming a live process that is not the daemon
            Files.writeString(run.daemonFile(), JSON.writeValueAsString(java.util.Map.of("pid", other.pid(),
                    "started", "2020-01-01T00:00:00Z", "address", "127.0.0.1", "port", closed, "token", "nope")));

            Workspace.Result down = w.cliInRuns("down");

            assertThat(down.exit()).as(down.toString()).isEqualTo(1);
            assertThat(down.err()).contains("pid " + other.pid()).contains("may still hold the fleet").contains("nothing was terminated");
            assertThat(RunStatus.read(run).count(HostState.TERMINATED)).isZero();
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the real daemon still holds its hosts").isPresent();

            Files.writeString(run.daemonFile(), daemonJson);
            assertThat(w.cliInRuns("down").exit()).isZero();
        } finally {
            other.destroy();
            stop(pid);
        }
    }

    @Test
    void twoDownsAtOnceBothEndWellAndTheJournalHasOneDown() throws Exception {
        Workspace w = new Workspace(tmp);
        long pid = up(w);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Workspace.Result>> downs = List.of(1, 2).stream().map(i -> CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return w.cliInRuns("down");
            })).toList();
            go.countDown();
            List<Workspace.Result> results = downs.stream().map(CompletableFuture::join).toList();

            assertThat(results).allSatisfy(r -> {
                assertThat(r.exit()).as(r.toString()).isZero();
                assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("header parser");
            });
            Run run = w.latestRun();
            assertThat(Files.readAllLines(run.journal())).filteredOn(l -> l.contains("\"event\":\"down\"")).hasSize(1);
            assertThat(results).filteredOn(r -> r.out().contains("already terminated (2 of 2 hosts)")).hasSize(1);
            assertThat(RunStatus.read(run).count(HostState.TERMINATED)).isEqualTo(2);
        } finally {
            stop(pid);
        }
    }
}
