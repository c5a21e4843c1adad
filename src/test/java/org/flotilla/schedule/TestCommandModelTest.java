package org.flotilla.schedule;

import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A test command sees the run's `secrets` and `pki` the same whether `flotilla run` fires it or cron starts it. */
class TestCommandModelTest {
    @TempDir
    Path tmp;

    /** The same command for both tests; only the files it writes are named after the test. */
    private static final String COMMAND = "printf '%s' '${pki.ca}' > ca-${test.name}.pem; printf '%s' '${host.cert}' > cert-${test.name}.pem;"
            + " echo ${secrets.ui.password} > secret-${test.name}.txt; echo secret ${secrets.ui.password}; head -2 ca-${test.name}.pem";

    @Test
    void aFiredCommandSeesTheSecretsAndPkiACronStartedOneSees() throws Exception {
        Workspace w = new Workspace(tmp);
        Settings s = w.settings(w.config("fleet.conf", """
                cron.dir = "etc/cron.d"
                secrets = [ui]
                roles.vpn { count = 2, certificate = client }
                tests {
                  fired { roles = [vpn], duration = 5s, command = "%1$s" }
                  crond { roles = [vpn], start = cron, command = "%1$s" }
                }
                """.formatted(COMMAND)));
        Run run = Run.create(s.runsDir());
        try (FleetDaemon d = FleetDaemon.launch(s, run)) {
            assertThat(d.up().failed()).isEmpty();
            d.serve();
            Path root = run.localDir().resolve("vpn-1");
            String entry = Files.readAllLines(root.resolve("etc/cron.d/flotilla-" + run.id())).stream()
                    .filter(l -> l.contains(" root ")).findFirst().orElseThrow();
            Process cron = new ProcessBuilder("/bin/sh", "-c", CrontabTest.asCronRuns(entry)).start();
            assertThat(cron.waitFor()).isZero();

            Workspace.Result fired = w.cliInRuns("run", "fired");
            assertThat(fired.exit()).as(fired.toString()).isZero();

            String password = Files.readString(run.dir().resolve("secrets/ui")).strip();
            String ca = Files.readString(run.dir().resolve("pki/ca.pem"));
            for (String test : List.of("fired", "crond")) {
                assertThat(root.resolve("secret-" + test + ".txt")).as(test).hasContent(password);
                assertThat(root.resolve("ca-" + test + ".pem")).as(test).hasContent(ca);
                assertThat(root.resolve("cert-" + test + ".pem")).as(test).hasSameTextualContentAs(run.dir().resolve("pki/vpn-1.pem"));
            }
            assertThat(run.hostLog("vpn-1")).content().as("the secret is masked where the host echoes it")
                    .contains("test fired: started", "secret ***", ca.lines().limit(2).reduce((a, b) -> a + "\n" + b).orElseThrow())
                    .doesNotContain(password);
            d.down();
        }
    }
}
