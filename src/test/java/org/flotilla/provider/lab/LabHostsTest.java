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
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three lab hosts come up READY as a cloud would give them: a bare Debian with a non-root login
 * that has sudo, root login refused, no test tools, each with its own address and no route out;
 * a role with `become` configures them. Checked with OpenSSH's own client against the host key
 * Flotilla made for each host.
 */
@Tag("lab") // builds the image from Debian's mirror (once per recipe): runs outside the loopback-only namespace
class LabHostsTest {
    @TempDir
    Path tmp;

    @Test
    void threeBareHostsComeUpReadyAndTheRoleConfiguresThemThroughSudo() throws Exception {
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
                """);
        Settings settings = w.settings(conf);
        Run run = Run.create(settings.runsDir());
        LabLeftovers before = LabLeftovers.baseline();
        try (FleetDaemon d = FleetDaemon.launch(settings, run)) {
            try {
                long start = System.nanoTime();
                Outcome o = d.up();
                System.out.printf("lab: 3 hosts READY in %.1f s; %s%n", (System.nanoTime() - start) / 1e9, d.run().provider().report());
                assertThat(o.failed()).isEmpty();
                assertThat(o.ready()).isEqualTo(3);
                Set<String> addresses = new HashSet<>();
                for (Host h : d.run().fleet().hosts()) {
                    OpenSsh ssh = OpenSsh.to(run, h, tmp);
                    assertThat(h.address()).isEqualTo("127.0.0.1");
                    assertThat(ssh.as("admin", "id -un; id -u; cat /etc/flotilla-setup-by; cat who; cat /etc/flotilla-motd; stat -c %U /etc/flotilla-motd"))
                            .isEqualTo(new OpenSsh.Said(0, "admin\n1000\nroot\nadmin\nrehearsed in the lab\nroot\n"));
                    assertThat(ssh.as("admin", "command -v iperf3").exit()).as("a bare host has no test tools").isEqualTo(1);
                    assertThat(ssh.as("admin", "ip route").out()).as("no route out of the lab").doesNotContain("default").contains("dev eth0");
                    String address = ssh.as("admin", "ip -4 -o addr show eth0").out();
                    assertThat(address).contains("inet 10.242.0.");
                    addresses.add(address.split("\\s+")[3]);
                    OpenSsh.Said root = ssh.as("root", "true");
                    assertThat(root.exit()).isEqualTo(255);
                    assertThat(root.out()).contains("Permission denied (publickey)");
                }
                assertThat(addresses).hasSize(3);
            } finally {
                d.down();
            }
        }
        assertThat(LabLeftovers.of(settings, run.id()).beyond(before)).isEqualTo(LabLeftovers.NOTHING);
    }
}
