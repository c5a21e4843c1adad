package org.flotilla.provider.lab;

import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lab hosts come up READY as a cloud would give them: a bare Debian with a non-root login that
 * has sudo, root login refused, no test tools, each known by its own lab address and with no
 * route out; a role with `become` configures them, and a later role reaches a host at the address
 * its template was given. Checked with OpenSSH's own client through the lab's jump host, against
 * the host keys Flotilla made; the guard on the lab's namespaces counted nothing leaving, and
 * counts a probe.
 */
@Tag("lab") // builds the image from Debian's mirror (once per recipe): runs outside the loopback-only namespace
class LabHostsTest {
    @TempDir
    Path tmp;

    @Test
    void bareHostsComeUpReadyAtTheirLabAddressesReachedOnlyThroughTheJumpHost() throws Exception {
        Workspace w = new Workspace(tmp);
        w.write("resources/lab/motd.txt", "rehearsed in the lab\n");
        Path conf = w.config("lab.conf", """
                provider = lab
                ssh.connect-timeout = 10m
                roles.web {
                  count = 3
                  become = true
                  resources = [ { source = "lab/motd.txt", dest = "/etc/flotilla-motd", mode = "0644" } ]
                  setup = [ "id -un > /etc/flotilla-setup-by", { run = "id -un > who", become = false } ]
                }
                roles.peer {
                  count = 1
                  after = [web]
                  # bash's /dev/tcp: the bare image has no client tools; sshd's banner proves the address answers
                  setup = [ "timeout 20 head -c 7 < /dev/tcp/${fleet.web[2].address}/22 > reached" ]
                }
                """);
        Settings settings = w.settings(conf);
        Run run = Run.create(settings.runsDir());
        LabLeftovers before = LabLeftovers.baseline();
        LabNetwork network = new LabNetwork(new LabNames(run.id()), settings.lab().subnet());
        try (FleetDaemon d = FleetDaemon.launch(settings, run)) {
            try {
                long start = System.nanoTime();
                Outcome o = d.up();
                System.out.printf("lab: 4 hosts READY in %.1f s; %s%n", (System.nanoTime() - start) / 1e9, d.run().provider().report());
                assertThat(o.failed()).isEmpty();
                assertThat(o.ready()).isEqualTo(4);
                Set<String> addresses = new HashSet<>();
                Host web2 = null;
                for (Host h : d.run().fleet().hosts()) {
                    assertThat(h.address()).as("the fleet knows hosts by their lab addresses").startsWith("10.242.0.");
                    assertThat(h.port()).isEqualTo(22);
                    OpenSsh ssh = OpenSsh.to(run, h, tmp);
                    assertThat(ssh.as("admin", "ip route").out()).as("no route out of the lab").doesNotContain("default").contains("dev eth0");
                    assertThat(ssh.as("admin", "ip -4 -o addr show eth0").out()).contains("inet " + h.address() + "/16");
                    addresses.add(h.address());
                    OpenSsh.Said root = ssh.as("root", "true");
                    assertThat(root.exit()).isEqualTo(255);
                    assertThat(root.out()).contains("Permission denied (publickey)");
                    if (h.role().equals("peer")) {
                        assertThat(ssh.as("admin", "cat reached")).as("the peer reached web-2 at the address its template gave")
                                .isEqualTo(new OpenSsh.Said(0, "SSH-2.0"));
                        continue;
                    }
                    if (h.id().equals("web-2")) web2 = h;
                    assertThat(ssh.as("admin", "id -un; id -u; cat /etc/flotilla-setup-by; cat who; cat /etc/flotilla-motd; stat -c %U /etc/flotilla-motd"))
                            .isEqualTo(new OpenSsh.Said(0, "admin\n1000\nroot\nadmin\nrehearsed in the lab\nroot\n"));
                    assertThat(ssh.as("admin", "command -v iperf3").exit()).as("a bare host has no test tools").isEqualTo(1);
                }
                assertThat(addresses).hasSize(4).doesNotContain(settings.lab().subnet().jump());
                assertThat(Relay.of(run.id(), Set.of(LabJumpHost.ID))).as("one door in: the jump host's relay").isNotEmpty();
                assertThat(Relay.of(run.id(), Set.of("web-0", "web-1", "web-2", "peer-0"))).as("and no relay to any host").isEmpty();

                Map<String, Long> refused = LabGuard.refused(network.namespaces());
                System.out.println("lab: packets the guard refused, by namespace, after the run: " + refused);
                assertThat(refused).as("a guard in the lab's namespace, the jump host's and each host's").hasSize(6);
                assertThat(refused.values()).as("nothing tried to leave the lab").containsOnly(0L);

                // The guard can count: a probe to the one address of the subnet that is not the lab's own
                // (the same rule as for any address outside; the packet stays on the bridge even if the guard fails).
                OpenSsh.Said probe = OpenSsh.to(run, web2, tmp).as("admin", "timeout 10 bash -c 'exec 3<>/dev/tcp/"
                        + settings.lab().subnet().probe() + "/22'");
                assertThat(probe.exit()).isEqualTo(1);
                assertThat(probe.out()).as("the guard refuses at once").contains("No route to host");
                refused = LabGuard.refused(network.namespaces());
                System.out.println("lab: after one probe from web-2: " + refused);
                String probing = new LabNames(run.id()).hostNamespace("web-2");
                assertThat(refused.get(probing)).isPositive();
                long probed = refused.remove(probing);
                assertThat(refused.values()).containsOnly(0L);
                assertThat(d.down().report()).as("down tells what the guard refused")
                        .contains("lab guard: " + probed + " packet(s) to addresses not the lab's own were refused (web-2 " + probed + ")");
            } finally {
                d.down();
            }
        }
        assertThat(LabLeftovers.of(settings, run.id()).beyond(before)).isEqualTo(LabLeftovers.NOTHING);
        assertThat(network.namespaces()).isEqualTo(List.of());
    }
}
