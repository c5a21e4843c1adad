package org.flotilla.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * iperf3 through real OpenVPN tunnels on local hosts, in the README's one command: tunnels up
 * with each client's own certificate, the test's bytes through the tun devices, logs and tables
 * home, and nothing of the run left afterwards (no process, no tun device).
 */
class OpenVpnIperfIT {
    @RegisterExtension
    final RunsDirs runsDirs = new RunsDirs();
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Pattern TUN_OPENED = Pattern.compile("TUN/TAP device (\\S+) opened");

    @BeforeAll
    static void rootWithTun() throws Exception {
        String uid = new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(uid).as("this test makes tun devices and network namespaces: run it as root (CI does)").isEqualTo("0");
        assertThat(Path.of("/dev/net/tun")).as("the kernel's tun driver (/dev/net/tun) is needed").exists();
        for (String tool : List.of("/usr/sbin/openvpn", "/usr/bin/iperf3", "/usr/bin/dstat")) {
            assertThat(Path.of(tool)).as("%s is needed: apt-get install openvpn iperf3 dstat (.ci/run does)", tool).exists();
        }
    }

    @Test
    void iperf3RunsThroughOneTunnelPerClientAndNothingOutlivesTheRun() throws Exception {
        Path runs = runsDirs.create("e2e-runs-");
        Process p = new ProcessBuilder("./flotilla", "test", "--config", "config/scenarios/openvpn-iperf.conf", "--count", "client=3",
                "--runs-dir", runs.toString()).directory(PROJECT.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("4 hosts: 4 ready, 0 failed", "iperf-tunnel [json]: 3 of 3 hosts ok", "iperf-tunnel [text]: 3 of 3 hosts ok",
                "0 hosts failed");
        Path run;
        try (Stream<Path> dirs = Files.list(runs)) {
            run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Path logs = run.resolve("logs");
        Set<String> tunDevices = new TreeSet<>();
        Path server = logs.resolve("server/server-0");
        for (int i = 0; i < 3; i++) {
            String serverLog = Files.readString(server.resolve("openvpn-server-" + i + ".log"));
            assertThat(serverLog).as("server %d accepted client-%d's own certificate", i, i).contains("VERIFY OK: depth=0, CN=client-" + i);
            tunDevices.addAll(opened(serverLog));

            Path client = logs.resolve("client/client-" + i);
            String clientLog = Files.readString(client.resolve("openvpn-client-" + i + ".log"));
            assertThat(clientLog).contains("VERIFY OK: depth=0, CN=server-0", "Initialization Sequence Completed");
            tunDevices.addAll(opened(clientLog));

            JsonNode iperf = new ObjectMapper().readTree(client.resolve("iperf-json-client-" + i + ".json").toFile());
            String clientEnd = "10.89.0." + (i * 8 + 2);
            String serverEnd = "10.89.0." + (i * 8 + 1);
            assertThat(iperf.at("/start/connected/0/local_host").asText()).isEqualTo(clientEnd);
            assertThat(iperf.at("/start/connected/0/remote_host").asText()).isEqualTo(serverEnd);
            long sent = iperf.at("/end/sum_sent/bytes").asLong();
            assertThat(sent).as("client-%d moved data", i).isGreaterThan(1_000_000);
            // What left the client's tun device during the json pattern: every byte iperf3 sent, with headers.
            String counters = Files.readString(client.resolve("tun-client-" + i + ".txt"));
            Matcher m = Pattern.compile("(?m)^json rx_bytes \\d+ tx_bytes (\\d+)$").matcher(counters);
            assertThat(m.find()).as(counters).isTrue();
            assertThat(Long.parseLong(m.group(1))).as("bytes through client-%d's tun device", i).isGreaterThanOrEqualTo(sent);
            assertThat(client.resolve("iperf-text-client-" + i + ".txt")).content().contains("receiver");

            Path keys = run.resolve("local/client-" + i + "/keys");
            assertThat(mode(keys.resolve("host.key"))).isEqualTo("rw-------");
            assertThat(mode(keys.resolve("tls-crypt.key"))).isEqualTo("rw-------");
        }
        assertThat(mode(run.resolve("local/server-0/keys/host.key"))).isEqualTo("rw-------");
        assertThat(tunDevices).as("a tun device per tunnel end, unique to the run").hasSize(6)
                .allSatisfy(d -> assertThat(d).hasSizeLessThanOrEqualTo(15));
        assertThat(server.resolve("dstat.txt")).content().containsPattern("\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\|");

        List<String> classic = Files.readAllLines(run.resolve("report/classic-bandwidth.csv"));
        assertThat(classic).filteredOn(l -> l.startsWith("iperf-tunnel;json;all;3;")).hasSize(1);
        assertThat(classic).filteredOn(l -> l.startsWith("iperf-tunnel;text;all;3;")).hasSize(1);
        assertThat(run.resolve("report/classic-cpu.csv")).content().contains("iperf-tunnel;json;");

        String runId = run.getFileName().toString();
        assertThat(processesOf(runId, tunDevices)).as("processes of run %s after the test", runId).isEmpty();
        String links = new String(new ProcessBuilder("ip", "-o", "link").start().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tunDevices).allSatisfy(d -> assertThat(links).as("tun devices after the test").doesNotContain(" " + d + ":"));
    }

    private static Set<String> opened(String openvpnLog) {
        Set<String> devices = new TreeSet<>();
        Matcher m = TUN_OPENED.matcher(openvpnLog);
        while (m.find()) devices.add(m.group(1));
        return devices;
    }

    /** Processes carrying the run in their environment (what `down` sweeps) or naming one of its tun devices. */
    private static List<String> processesOf(String runId, Set<String> devices) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                String environ;
                String cmdline;
                try {
                    environ = Files.readString(proc.resolve("environ"), StandardCharsets.ISO_8859_1);
                    cmdline = Files.readString(proc.resolve("cmdline"), StandardCharsets.ISO_8859_1).replace('\0', ' ');
                } catch (IOException | SecurityException gone) {
                    continue;
                }
                if (environ.contains("FLOTILLA_RUN=" + runId + "\0") || devices.stream().anyMatch(cmdline::contains)) {
                    found.add(proc.getFileName() + ": " + cmdline);
                }
            }
        }
        return found;
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
