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

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lab host boots bare through cloud-init (its status done, its modules run) and the recipe's
 * packages come through the lab's package proxy, the hosts' only way out; a second run gets the
 * packages from the proxy's cache: its log shows them served and none of them fetched.
 */
@Tag("lab") // the proxy fetches from Debian's mirror: runs outside the loopback-only namespace
class LabPackagesTest {
    @TempDir
    Path tmp;

    @Test
    void aBareHostInstallsTheRecipesPackagesThroughTheProxyAndASecondRunFromItsCache() throws Exception {
        LabLeftovers before = LabLeftovers.baseline();
        Workspace w = new Workspace(tmp);
        Path conf = w.config("lab.conf", """
                provider = lab
                ssh.connect-timeout = 10m
                roles.client { count = 1, become = true, packages = [iperf3, dstat] }
                """);
        Settings settings = w.settings(conf);
        Path proxyLog = settings.lab().cacheDir().toAbsolutePath().resolve("apt/log/apt-cacher.log");
        installOnABareHost(settings, before, "first");
        long seen = Files.exists(proxyLog) ? Files.size(proxyLog) : 0;
        String report = installOnABareHost(settings, before, "second");

        List<String> second = appended(proxyLog, seen).lines().filter(l -> l.matches(".*/(iperf3|libiperf0|dstat)_[^/]*\\.deb.*")).toList();
        assertThat(second).as("the second run's packages in the proxy's log (%s)", report)
                .anyMatch(l -> l.contains("|O|") && l.contains("/iperf3_"))
                .noneMatch(l -> l.contains("|I|"));
    }

    /** One run: up without configuring, the host is bare; configured, it has the tools; down leaves nothing. Returns the provider's report. */
    private String installOnABareHost(Settings settings, LabLeftovers before, String which) throws Exception {
        Run run = Run.create(settings.runsDir());
        String report;
        try (FleetDaemon d = FleetDaemon.launch(settings, run)) {
            try {
                long start = System.nanoTime();
                Outcome up = d.up(false);
                assertThat(up.failed()).isEmpty();
                Host host = d.run().fleet().hosts().get(0);
                OpenSsh ssh = OpenSsh.to(run, host, tmp);
                OpenSsh.Said bare = answered(ssh, "command -v iperf3 dstat");
                System.out.printf("lab (%s run): the host's sshd answered %.1f s after up began (cloud-init's four stages run before it)%n",
                        which, (System.nanoTime() - start) / 1e9);
                assertThat(bare.exit()).as("a bare host has no test tools: %s", bare).isEqualTo(1);

                start = System.nanoTime();
                Outcome configured = d.run().configure();
                System.out.printf("lab (%s run): configured with packages in %.1f s%n", which, (System.nanoTime() - start) / 1e9);
                assertThat(configured.failed()).isEmpty();
                assertThat(configured.ready()).isEqualTo(1);
                assertThat(ssh.as("admin", "command -v iperf3 dstat")).isEqualTo(new OpenSsh.Said(0, "/usr/bin/iperf3\n/usr/bin/dstat\n"));
                assertThat(ssh.as("admin", "cloud-init status").out()).isEqualTo("status: done\n");
                assertThat(ssh.as("admin", "grep -o 'config-[a-z_-]* ran successfully' /var/log/cloud-init.log").out())
                        .contains("config-users-groups ran successfully", "config-ssh ran successfully", "config-apt-configure ran successfully",
                                "config-final-message ran successfully");
                assertThat(ssh.as("admin", "apt-config dump Acquire::http::Proxy").out())
                        .isEqualTo("Acquire::http::Proxy \"http://" + settings.lab().subnet().gateway() + ":3142\";\n");
                assertThat(LabLeftovers.of(settings, run.id()).relays()).as("the host's relay and the proxy's three processes").isGreaterThanOrEqualTo(4);
                report = String.join("; ", d.run().provider().report());
                System.out.println("lab (" + which + " run): " + report);
            } finally {
                d.down();
            }
        }
        assertThat(LabLeftovers.of(settings, run.id()).beyond(before)).isEqualTo(LabLeftovers.NOTHING);
        return report;
    }

    /** The command's answer once the host's sshd answers (it starts after cloud-init): the relay closes the connection until then. */
    private static OpenSsh.Said answered(OpenSsh ssh, String command) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            OpenSsh.Said said = ssh.as("admin", command);
            if (said.exit() != 255 || System.nanoTime() > deadline) return said;
            Thread.sleep(200);
        }
    }

    private static String appended(Path file, long from) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(from);
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
