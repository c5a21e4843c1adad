package org.flotilla.provider;

import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;
import org.flotilla.provider.local.LocalProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Existing hosts: here, the SSH servers of another run's local fleet, reached with that run's key. */
class FixedProviderTest {
    @TempDir
    Path tmp;

    @Test
    void existingHostsAreConfiguredAndOnlyReleasedAtDown() throws Exception {
        Workspace w = new Workspace(tmp);
        w.write("resources/probe.ftl", "I am ${host.id} (${host.role} #${host.index}) at ${host.address}\n");
        Path hostsConf = w.config("hosts.conf", "roles.machine.count = 3\n");
        Settings localSettings = w.settings(hostsConf);
        Run existing = Run.create(localSettings.runsDir());
        try (FleetDaemon machines = FleetDaemon.launch(localSettings, existing)) {
            assertThat(machines.up().failed()).isEmpty();
            String list = machines.run().fleet().hosts().stream()
                    .map(h -> "{ role = web, address = \"" + h.address() + "\", port = " + h.port() + " }")
                    .collect(Collectors.joining("\n  "));
            Path fixedConf = w.config("fixed.conf", """
                    provider = fixed
                    ssh.key = "%s"
                    fixed.hosts = [
                      %s
                    ]
                    roles.web {
                      resources = [ { source = "probe.ftl", dest = "probe.txt" } ]
                      setup = [ "grep -q 'I am web-' probe.txt" ]
                    }
                    cron.dir = "etc/cron.d"
                    tests.nightly { roles = [web], start = cron, command = "true" }
                    """.formatted(existing.dir().resolve("ssh/id_ed25519"), list));
            Settings fixed = w.settings(fixedConf);
            assertThat(fixed.role("web").count()).as("a fixed role counts its listed hosts").isEqualTo(3);
            Run run = Run.create(fixed.runsDir());
            try (FleetDaemon d = FleetDaemon.launch(fixed, run)) {
                Outcome o = d.up();
                assertThat(o.failed()).isEmpty();
                assertThat(o.ready()).isEqualTo(3);
                assertThat(d.run().provider().kind().hostsOutliveProcess()).isTrue();
                Path crontab = existing.localDir().resolve("machine-0/etc/cron.d/flotilla-" + run.id());
                assertThat(crontab).exists();
                assertThat(d.down().failures()).isEmpty();
                assertThat(crontab).as("released hosts are left as they were found").doesNotExist();
            }
            for (int i = 0; i < 3; i++) {
                Host m = machines.run().fleet().host("machine-" + i);
                Host web = RunStatus.read(run).hosts().stream().map(RunStatus.HostStatus::host)
                        .filter(h -> h.port() == m.port()).findFirst().orElseThrow();
                assertThat(existing.localDir().resolve(m.id()).resolve("probe.txt"))
                        .hasContent("I am " + web.id() + " (web #" + web.index() + ") at 127.0.0.1");
            }
            assertThat(RunStatus.read(run).hosts()).allSatisfy(h -> assertThat(h.state()).isEqualTo(HostState.TERMINATED));
            assertThat(((LocalProvider) machines.run().provider()).listeningPorts()).as("released, not stopped").hasSize(3);
            machines.down();
        }
    }
    @Test
    void withoutAnSshKeyUpRefusesBeforeCreatingAnything() {
        Workspace w = new Workspace(tmp);
        // no ssh.key, and a home without ~/.ssh/id_*: the user's default keys cannot stand in
        Path conf = w.config("fixed.conf", """
                provider = fixed
                fixed.hosts = [ { role = web, address = "127.0.0.1", port = 2222 } ]
                roles.web {}
                """);
        String home = System.getProperty("user.home");
        System.setProperty("user.home", tmp.resolve("home").toString());
        try {
            Workspace.Result r = w.cli("up", "--config", conf.toString());
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("ssh.key: no private key configured").contains("nothing was launched");
            assertThat(w.runsDir).doesNotExist();

            Path unreadable = w.config("bad-key.conf", "provider = fixed\nssh.key = \"" + tmp.resolve("no-such-key") + "\"\n"
                    + "fixed.hosts = [ { role = web, address = \"127.0.0.1\", port = 2222 } ]\nroles.web {}\n");
            Workspace.Result bad = w.cli("up", "--config", unreadable.toString());
            assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
            assertThat(bad.err()).contains("cannot read the private key " + tmp.resolve("no-such-key"));
            assertThat(w.runsDir).doesNotExist();
        } finally {
            System.setProperty("user.home", home);
        }
    }
}
