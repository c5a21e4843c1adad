package org.flotilla.provision;

import org.flotilla.OpenSshFleet;
import org.flotilla.config.ConfigSources;
import org.flotilla.config.RoleSpec;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A shipped scenario, as is, on hosts a cloud would give: OpenSSH, a non-root login with sudo. */
class ScenarioOpenSshTest {
    @TempDir
    Path tmp;

    @Test
    void theIperfScenarioNeedsNothingButTheProviderOnNonRootHosts() throws Exception {
        try (OpenSshFleet ssh = OpenSshFleet.start(3)) {
            String hosts = "[" + ssh.host("server", 0, ssh.sudoer) + ", " + ssh.host("client", 1, ssh.sudoer) + ", "
                    + ssh.host("client", 2, ssh.sudoer) + "]";
            Settings settings = Settings.load(new ConfigSources(Path.of("config/scenarios/local-iperf.conf"), List.of(
                    "provider=fixed", "runs-dir=\"" + tmp + "\"", "ssh.key=\"" + ssh.clientKey + "\"", "fixed.hosts=" + hosts,
                    // away from the ports other tests' iperf3 servers use, and gone soon after
                    "vars={ base-port = 15201, run-limit = 10 }"), Map.of()));
            Run run = Run.create(settings.runsDir());
            try (FleetDaemon d = FleetDaemon.launch(settings, run)) {
                Outcome o = d.up();
                assertThat(o.failed()).as(Files.readString(run.hostLog("server-0"))).isEmpty();
                assertThat(o.ready()).isEqualTo(3);
                assertThat(run.hostLog("server-0")).content()
                        .contains("become: sudo -n as root works")
                        .containsPattern("packages: (iperf3, dstat already installed: no package-manager call|packages installed: )");
                Path logs = ssh.home(ssh.sudoer).resolve("logs");
                assertThat(logs.resolve("iperf3-server-15201.log")).content().contains("Server listening");
                assertThat(Files.getOwner(logs.resolve("dstat.txt")).getName()).as("the tools run as the login").isEqualTo(ssh.sudoer);
                d.down();
            }
        }
    }

    @Test
    void everyShippedScenarioDeclaresPackagesAndBecomeForEachRoleThatRunsATool() throws Exception {
        try (var files = Files.list(Path.of("config/scenarios"))) {
            for (Path scenario : files.filter(f -> f.toString().endsWith(".conf")).sorted().toList()) {
                // push.conf is written for `up --hosts FILE`: one stand-in host lets it load without one
                List<String> sets = scenario.endsWith("push.conf")
                        ? List.of("runs-dir=\"" + tmp + "\"", "fixed.hosts=[{address=\"127.0.0.1\",role=host}]")
                        : List.of("runs-dir=\"" + tmp + "\"");
                Settings s = Settings.load(new ConfigSources(scenario, sets, Map.of()));
                for (RoleSpec role : s.roles()) {
                    if (!role.recipe().packages().isEmpty()) {
                        assertThat(role.recipe().become()).as("%s: roles.%s installs packages: it needs root", scenario, role.name()).isTrue();
                    }
                }
            }
        }
        Settings iperf = Settings.load(new ConfigSources(Path.of("config/scenarios/local-iperf.conf"), List.of(), Map.of()));
        assertThat(iperf.role("server").recipe().packages()).containsExactly("iperf3", "dstat");
        assertThat(iperf.role("client").recipe().packages()).containsExactly("iperf3");
    }
}
