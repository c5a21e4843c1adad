package org.flotilla.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flotilla.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a provider's capability decides for the user: local hosts do not outlive their daemon,
 * so once it is killed every command acting on the run says so instead of trying to reach them.
 */
@Timeout(180)
class LocalHostsDieWithDaemonTest {
    @TempDir
    Path tmp;

    @Test
    void everyCommandSaysTheHostsDiedWithTheDaemon() throws Exception {
        Workspace w = new Workspace(tmp);
        Workspace.Result up = w.cli("up", "--config", w.config("fleet.conf", "roles.web.count = 1\n").toString(), "--detach");
        try {
            assertThat(up.exit()).as(up.toString()).isZero();
            long pid = new ObjectMapper().readTree(w.latestRun().daemonFile().toFile()).path("pid").asLong();
            ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
            daemon.destroyForcibly(); // no chance to journal its hosts as terminated
            daemon.onExit().get(60, TimeUnit.SECONDS);
        } finally {
            // whatever failed above, no daemon outlives the test
            if (w.latestRun().daemonFile().toFile().isFile()) {
                ProcessHandle.of(new ObjectMapper().readTree(w.latestRun().daemonFile().toFile()).path("pid").asLong())
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        }

        Workspace.Result status = w.cliInRuns("status");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("local hosts live inside it: these hosts died with it");

        Workspace.Result configure = w.cliInRuns("configure");
        assertThat(configure.exit()).as(configure.toString()).isEqualTo(ExitCode.HOSTS_FAILED);
        assertThat(configure.err()).contains("local hosts lived inside it: nothing to configure");

        Workspace.Result push = w.cliInRuns("push", "web");
        assertThat(push.exit()).as(push.toString()).isEqualTo(ExitCode.HOSTS_FAILED);
        assertThat(push.err()).contains("local hosts lived inside it: nothing to push to");

        Workspace.Result down = w.cliInRuns("down");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(down.out()).contains("its local hosts died with it").contains("1 of 1 hosts terminated");
    }
}
