package org.flotilla.ssh;

import org.flotilla.JumpedHosts;
import org.flotilla.Workspace;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.logs.HostLogs;
import org.flotilla.fleet.JournalEvent.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ssh.jump against real OpenSSH: hosts whose sshd only the jump host can reach (a network
 * namespace of their own) are configured, tested and fetched from through it, and the jump
 * host's key is checked like any host's.
 */
@Timeout(180)
class JumpHostOpenSshTest {
    @TempDir
    Path tmp;

    private static String config(JumpedHosts lab, String extra) {
        StringBuilder hosts = new StringBuilder();
        for (String h : JumpedHosts.HOSTS) {
            hosts.append("  { role = web, address = \"").append(h).append("\", port = ").append(JumpedHosts.HOST_PORT)
                    .append(", user = ").append(lab.user).append(" }\n");
        }
        return """
                provider = fixed
                ssh.key = "%s"
                ssh.jump = "%s@%s:%d"
                ssh.connect-timeout = 20s
                fixed.hosts = [
                %s]
                roles.web {
                  setup = [ "echo \\"$SSH_CONNECTION\\" > conn-${host.id}.txt" ]
                }
                tests.mark {
                  roles = [web]
                  command = "echo fired > mark-${host.id}.log"
                  duration = 1s
                  grace = 20s
                  logs { web = [ "mark-*.log" ] }
                }
                %s
                """.formatted(lab.clientKey, lab.user, JumpedHosts.JUMP_ADDRESS, lab.jumpPort, hosts, extra);
    }

    @Test
    void hostsOnlyTheJumpHostReachesAreConfiguredTestedAndFetchedFromThroughIt() throws Exception {
        try (JumpedHosts lab = JumpedHosts.start()) {
            for (String h : JumpedHosts.HOSTS) {
                assertThatThrownBy(() -> connect(h, JumpedHosts.HOST_PORT)).as("%s answers only behind the jump host", h)
                        .isInstanceOf(ConnectException.class);
            }
            Workspace w = new Workspace(tmp);
            Path conf = w.config("jump.conf", config(lab, ""));
            Run run;
            try (FleetDaemon d = FleetDaemon.launch(w.settings(conf), Run.create(w.runsDir))) {
                run = d.run().run();
                Outcome up = d.up();
                assertThat(up.failed()).isEmpty();
                assertThat(up.ready()).isEqualTo(2);
                for (String host : List.of("web-0", "web-1")) {
                    // the hosts saw the jump host's connection from inside their namespace
                    assertThat(lab.home().resolve("conn-" + host + ".txt")).content().startsWith("127.0.0.1 ")
                            .contains(" " + JumpedHosts.HOSTS.get(host.endsWith("0") ? 0 : 1) + " " + JumpedHosts.HOST_PORT);
                }
                String jump = lab.user + "@" + JumpedHosts.JUMP_ADDRESS + ":" + lab.jumpPort;
                assertThat(run.hostLog("web-1")).content().contains("reached through jump host " + jump);
                String logs = Files.readString(run.hostLog("web-0")) + Files.readString(run.hostLog("web-1"));
                assertThat(logs).containsOnlyOnce("jump host " + lab.user + "@" + JumpedHosts.JUMP_ADDRESS + ":" + lab.jumpPort + ": logged in");

                List<Window> windows = d.run().runTest("mark", null, List.of(), line -> { });
                assertThat(windows).hasSize(2).allSatisfy(win -> assertThat(win.exit()).isZero());
                List<HostLogs> fetched = d.run().fetchLogs(Set.of("web"), tmp.resolve("fetched"), line -> { });
                assertThat(fetched).hasSize(2).allSatisfy(f -> assertThat(f.problems()).isEmpty());
                try (var files = Files.walk(tmp.resolve("fetched"))) {
                    assertThat(files.filter(f -> f.getFileName().toString().equals("mark-web-1.log"))).isNotEmpty()
                            .allSatisfy(f -> assertThat(f).hasContent("fired"));
                }
                assertThat(d.down().failures()).isEmpty();
            }
            String knownHosts = Files.readString(run.knownHosts());
            assertThat(knownHosts).contains("[" + JumpedHosts.JUMP_ADDRESS + "]:" + lab.jumpPort + " " + lab.jumpKey())
                    .contains("[" + JumpedHosts.HOSTS.get(0) + "]:" + JumpedHosts.HOST_PORT + " " + lab.hostsKey());
            assertThat(lab.jumpLog().split("Accepted publickey for " + lab.user, -1).length - 1)
                    .as("one held session to the jump host serves every connection").isEqualTo(1);
        }
    }

    @Test
    void aJumpHostWhoseKeyIsNotKnownFailsEveryHostNamingTheJumpHostAndReachesNone() throws Exception {
        try (JumpedHosts lab = JumpedHosts.start()) {
            Workspace w = new Workspace(tmp);
            StringBuilder known = new StringBuilder();
            for (String h : JumpedHosts.HOSTS) known.append('[').append(h).append("]:").append(JumpedHosts.HOST_PORT).append(' ').append(lab.hostsKey()).append('\n');
            // the jump host listed with another key: a man in the middle as far as the run can tell
            known.append('[').append(JumpedHosts.JUMP_ADDRESS).append("]:").append(lab.jumpPort).append(' ').append(lab.hostsKey()).append('\n');
            Path knownHosts = w.write("known_hosts", known.toString());
            Path conf = w.config("jump.conf", config(lab, "ssh.host-keys = strict\nssh.known-hosts = \"" + knownHosts + "\""));
            try (FleetDaemon d = FleetDaemon.launch(w.settings(conf), Run.create(w.runsDir))) {
                Outcome up = d.up();
                assertThat(up.ready()).isZero();
                assertThat(up.failed()).hasSize(2).allSatisfy((host, why) -> assertThat(why)
                        .startsWith("jump host " + lab.user + "@" + JumpedHosts.JUMP_ADDRESS + ":" + lab.jumpPort + ": host key ")
                        .contains("is not in " + knownHosts));
                assertThat(d.down().failures()).isEmpty();
            }
            assertThat(lab.jumpLog()).doesNotContain("Accepted publickey");
            try (var files = Files.list(lab.home())) {
                assertThat(files.map(f -> f.getFileName().toString())).as("no step ran on a host").noneMatch(n -> n.startsWith("conn-"));
            }
        }
    }

    @Test
    void aHostTheJumpHostCannotReachFailsWithWhatTheJumpHostSaid() throws Exception {
        try (JumpedHosts lab = JumpedHosts.start()) {
            Workspace w = new Workspace(tmp);
            String jump = lab.user + "@" + JumpedHosts.JUMP_ADDRESS + ":" + lab.jumpPort;
            // nothing listens on this port behind the jump host, and its PermitOpen does not list it either
            Path conf = w.config("jump.conf", "provider = fixed\nssh.key = \"" + lab.clientKey + "\"\nssh.jump = \"" + jump
                    + "\"\nssh.connect-timeout = 6s\nfixed.hosts = [ { role = web, address = \"" + JumpedHosts.HOSTS.get(0)
                    + "\", port = 2299, user = " + lab.user + " } ]\nroles.web {}\n");
            try (FleetDaemon d = FleetDaemon.launch(w.settings(conf), Run.create(w.runsDir))) {
                Outcome up = d.up();
                assertThat(up.failed().get("web-0")).startsWith("SSH did not answer within 6s")
                        .contains("last: jump host " + jump + ": it refused to open a connection there");
                assertThat(d.down().failures()).isEmpty();
            }
        }
    }

    private static void connect(String address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2000);
        }
    }
}
