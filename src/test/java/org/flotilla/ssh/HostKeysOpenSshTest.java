package org.flotilla.ssh;

import org.flotilla.OpenSshFleet;
import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Run;
import org.flotilla.provision.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Host keys of real OpenSSH hosts (the fixed provider cannot pin them): accept-new and strict. */
class HostKeysOpenSshTest {
    @TempDir
    Path tmp;

    private Path config(Workspace w, OpenSshFleet ssh, String extra) {
        return w.config("keys.conf", """
                provider = fixed
                ssh.key = "%s"
                fixed.hosts = [ %s, %s ]
                roles.web.setup = [ "true" ]
                """.formatted(ssh.clientKey, ssh.host("web", 0, ssh.sudoer), ssh.host("web", 1, ssh.sudoer)) + extra);
    }

    @Test
    void acceptNewRecordsEachHostsKeyInTheRun() throws Exception {
        try (OpenSshFleet ssh = OpenSshFleet.start(2)) {
            Workspace w = new Workspace(tmp);
            Settings settings = w.settings(config(w, ssh, "ssh.known-hosts = \"" + tmp.resolve("none") + "\"\n"));
            Run run = Run.create(settings.runsDir());
            try (FleetDaemon d = FleetDaemon.launch(settings, run)) {
                Outcome o = d.up();
                assertThat(o.failed()).isEmpty();
                assertThat(Files.readAllLines(run.knownHosts())).containsExactlyInAnyOrderElementsOf(ssh.knownHosts().lines().toList());
                assertThat(run.hostLog("web-0")).content().contains("accepted on first contact (ssh.host-keys = accept-new)");
                d.down();
            }
        }
    }

    @Test
    void strictConnectsOnlyToHostsWhoseKeyIsKnown() throws Exception {
        try (OpenSshFleet ssh = OpenSshFleet.start(2)) {
            Workspace w = new Workspace(tmp);
            // only the first address is in the user's known_hosts
            Path known = w.write("known_hosts", ssh.knownHosts().lines().findFirst().orElseThrow() + "\n");
            Settings settings = w.settings(config(w, ssh, "ssh.host-keys = strict\nssh.known-hosts = \"" + known + "\"\n"));
            try (FleetDaemon d = FleetDaemon.launch(settings, Run.create(settings.runsDir()))) {
                long start = System.nanoTime();
                Outcome o = d.up();
                assertThat(o.ready()).isEqualTo(1);
                assertThat(o.failed()).containsOnlyKeys("web-1");
                assertThat(o.failed().get("web-1")).contains("of [" + ssh.addresses().get(1) + "]:" + ssh.port + " is not in " + known
                        + " (ssh.host-keys = strict)");
                assertThat((System.nanoTime() - start) / 1_000_000_000).as("refused at once, not retried").isLessThan(15);
                d.down();
            }
            assertThat(Files.readString(known)).as("strict never writes the user's file").hasLineCount(1);
        }
    }
}
