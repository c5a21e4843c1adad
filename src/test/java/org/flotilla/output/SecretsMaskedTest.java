package org.flotilla.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flotilla.Workspace;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A run secret used in a setup step, echoed by the host and named in its failure: only `***` is ever written. */
class SecretsMaskedTest {
    @TempDir
    Path tmp;

    @Test
    void aSecretReachesNoHostLogJournalTerminalOrDaemonLog() throws Exception {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", """
                secrets = [ db ]
                roles.web.setup = [ "echo out=${secrets.db.password}; echo err=${secrets.db.password} >&2; exit 3" ]
                """);
        Workspace.Result up = w.cli("up", "--config", conf.toString(), "--detach");
        Run run = w.latestRun();
        long daemon = new ObjectMapper().readTree(run.daemonFile().toFile()).path("pid").asLong();
        try {
            String secret = Files.readString(run.dir().resolve("secrets/db")).strip();
            assertThat(up.exit()).as(up.toString()).isEqualTo(1);
            Workspace.Result status = w.cliInRuns("status");

            assertThat(occurrences(up.out() + up.err(), secret)).as("shown once, when made: " + up).isEqualTo(1);
            assertThat(up.out()).contains("secret db: " + secret + "  (shown once");
            assertThat(up.out()).contains("web-0  FAILED").contains("***");
            assertThat(run.hostLog("web-0")).content().doesNotContain(secret).contains("out=***").contains("err=***");
            assertThat(run.journal()).content().doesNotContain(secret).contains("***");
            assertThat(run.dir().resolve("daemon.log")).content().doesNotContain(secret).contains("***");
            assertThat(status.out() + status.err()).doesNotContain(secret);
        } finally {
            w.cliInRuns("down");
            ProcessHandle.of(daemon).ifPresent(p -> {
                p.destroy();
                p.onExit().orTimeout(60, TimeUnit.SECONDS).join();
            });
        }
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }
}
