package org.flotilla.provider.lab;

import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's acceptance on the lab: the shipped openvpn-iperf scenario, unchanged but for
 * `--set provider=lab`, as a user runs it: each client's tunnel (a tun device on a bare Debian
 * host, as on a cloud VM) carries its iperf3 test to the server, the logs come home, and the
 * fleet leaves nothing behind.
 */
@Tag("lab") // packages come through the lab's proxy from Debian's mirror: outside the loopback-only namespace
class LabOpenVpnIperfTest {
    private static final Path CONFIG = Path.of("config/scenarios/openvpn-iperf.conf").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void openVpnIperfPassesOnTheLabWithOnlyProviderSet() throws Exception {
        LabLeftovers before = LabLeftovers.baseline();
        Workspace w = new Workspace(tmp);
        Settings settings = w.settings(CONFIG, "provider=lab");
        Workspace.Result r;
        try {
            r = w.cli("test", "--config", CONFIG.toString(), "--set", "provider=lab", "--count", "client=2", "--runs-dir", w.runsDir.toString());
        } finally {
            w.cliInRuns("down"); // a run that failed midway still ends its fleet
        }
        System.out.println(r.out());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("3 hosts: 3 ready, 0 failed", "iperf-tunnel [json]: 2 of 2 hosts ok",
                "iperf-tunnel [text]: 2 of 2 hosts ok", "0 hosts failed");
        Path run = w.latestRun().dir();
        for (int i = 0; i < 2; i++) {
            Path client = run.resolve("logs/client/client-" + i);
            assertThat(run.resolve("logs/server/server-0/openvpn-server-" + i + ".log")).content()
                    .as("server %d accepted client-%d's own certificate", i, i).contains("VERIFY OK: depth=0, CN=client-" + i);
            assertThat(client.resolve("openvpn-client-" + i + ".log")).content().contains("Initialization Sequence Completed");
            // the test's bytes went through the client's tun device
            String tun = Files.readString(client.resolve("tun-client-" + i + ".txt"));
            assertThat(tun).containsPattern("json rx_bytes \\d+ tx_bytes [1-9]\\d{6,}");
        }
        List<String> classic = Files.readAllLines(run.resolve("report/classic-bandwidth.csv"));
        String all = classic.stream().filter(l -> l.startsWith("iperf-tunnel;json;all;2;")).findFirst().orElseThrow();
        System.out.println("lab openvpn-iperf: " + all);
        assertThat(Double.parseDouble(all.split(";")[5])).as("Mbit/s of both tunnels (50M each asked)").isGreaterThan(20);
        assertThat(LabLeftovers.of(settings, w.latestRun().id()).beyond(before)).isEqualTo(LabLeftovers.NOTHING);
    }
}
