package org.flotilla.cli;

import org.flotilla.Workspace;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a failure summary sends the user is where the run is, --runs-dir included. */
class FailureSummaryTest {
    @TempDir
    Path tmp;

    @Test
    void testWithFailuresPointsAtTheRunsDirGiven() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", """
                roles.client.setup = [ "false" ]
                tests.t { roles = [client], command = "true" }
                """);
        Path elsewhere = tmp.resolve("elsewhere");

        Workspace.Result r = w.cli("test", "--config", conf.toString(), "--runs-dir", elsewhere.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        Run run = Run.open(elsewhere, null).orElseThrow();
        String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith("run " + run.id() + ": done, with failures").contains(run.dir().resolve("hosts").toString());
    }
    @Test
    void aDetachedUpSaysHowToFindTheRunAgain() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", "roles.client.count = 1\n");
        Path elsewhere = tmp.resolve("elsewhere");
        Workspace.Result up = w.cli("up", "--config", conf.toString(), "--runs-dir", elsewhere.toString(), "--detach");
        try {
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(up.out()).contains("`flotilla down --runs-dir " + elsewhere + "` terminates it");
        } finally {
            Workspace.Result down = w.cli("down", "--runs-dir", elsewhere.toString());
            assertThat(down.exit()).as(down.toString()).isZero();
        }
    }
}
