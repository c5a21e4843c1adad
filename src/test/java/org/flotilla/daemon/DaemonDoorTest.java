package org.flotilla.daemon;

import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `run` and `fetch-logs` against a run whose daemon lives go through that daemon: it does the
 * work over the sessions it already holds (no new login on any host), and its idle clock sees it.
 */
class DaemonDoorTest {
    @TempDir
    Path tmp;

    @Test
    void runAndFetchLogsGoThroughTheDaemonOverItsHeldSessions() throws Exception {
        Workspace w = new Workspace(tmp);
        Path config = w.config("fleet.conf", """
                roles.client {
                  count = 2
                  setup = [ "echo hello-${host.index} > said.txt" ]
                  logs = [ "said.txt", "mark-*.txt" ]
                }
                tests.mark {
                  roles = [client]
                  duration = 2s
                  command = "echo mark of ${host.id} > mark-${host.index}.txt"
                }
                """);
        Settings s = w.settings(config);
        Run run = Run.create(s.runsDir());
        try (FleetDaemon d = FleetDaemon.launch(s, run)) {
            try {
                assertThat(d.up().failed()).isEmpty();
                d.serve();
                ControlClient daemon = new ControlClient(DaemonInfo.alive(run).orElseThrow());
                String before = daemon.ping(null).path("last").asText();
                assertThat(logins(run, "client-0")).as("`up` logged in once").isEqualTo(1);

                Workspace.Result ran = w.cliInRuns("run", "mark");
                assertThat(ran.exit()).as(ran.toString()).isZero();
                assertThat(ran.out()).contains("mark: starting on 2 hosts at once").contains("mark: 2 of 2 hosts ok");
                String afterRun = daemon.ping(null).path("last").asText();
                assertThat(afterRun).isNotEqualTo(before).contains("(the last: run mark)");

                Workspace.Result fetched = w.cliInRuns("fetch-logs");
                assertThat(fetched.exit()).as(fetched.toString()).isZero();
                assertThat(run.dir().resolve("logs/client/client-1/mark-1.txt")).hasContent("mark of client-1");
                assertThat(daemon.ping(null).path("last").asText()).isNotEqualTo(afterRun).contains("(the last: fetch-logs)");

                for (String host : new String[]{"client-0", "client-1"}) {
                    assertThat(logins(run, host)).as(host + ": the test and the fetch used the daemon's session").isEqualTo(1);
                }
            } finally {
                d.down();
            }
        }
    }

    private static int logins(Run run, String host) throws Exception {
        Matcher m = Pattern.compile("logged in to ").matcher(Files.readString(run.hostLog(host)));
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
