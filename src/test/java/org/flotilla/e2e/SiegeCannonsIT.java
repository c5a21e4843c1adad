package org.flotilla.e2e;

import org.flotilla.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The "microarmy": siege cannons against the fleet's own nginx, with real siege and nginx on local hosts. */
class SiegeCannonsIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final String CONFIG = "config/scenarios/siege-cannons.conf";

    @Test
    void testCommandFiresEveryCannonAndTablesEachAndTheFleet() throws Exception {
        Path runs = Files.createTempDirectory(PROJECT.resolve("target"), "e2e-siege-");
        int port = FreePorts.loopback();
        String out = flotilla("test", "--config", CONFIG, "--count", "cannon=3", "--set", "vars.target-port=" + port,
                "--runs-dir", runs.toString());
        assertThat(out).contains("4 hosts: 4 ready, 0 failed", "fire: 3 of 3 hosts ok", "(3 siege JSON)");
        Path run = onlyRun(runs);

        // 3 cannons x 5 users x 50 requests each, all answered
        List<String> hosts = Files.readAllLines(run.resolve("report/siege-hosts.csv"));
        assertThat(hosts).first().isEqualTo(
                "Test;Subtest;Host;Transactions;Elapsed (s);Transaction rate (trans/s);Availability (%);Response time (ms);Failed");
        double rates = 0;
        for (int i = 0; i < 3; i++) {
            String prefix = "fire;;cannon-" + i + ";250;";
            assertThat(hosts).filteredOn(l -> l.startsWith(prefix)).singleElement()
                    .satisfies(l -> assertThat(cell(l, 6)).isEqualTo("100.00"));
            rates += Double.parseDouble(cell(hosts.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(), 5));
        }
        String fleet = hosts.stream().filter(l -> l.startsWith("fire;;all;")).findFirst().orElseThrow();
        assertThat(cell(fleet, 3)).isEqualTo("750");
        assertThat(Double.parseDouble(cell(fleet, 5))).isPositive().isCloseTo(rates, org.assertj.core.data.Offset.offset(0.02));
        assertThat(cell(fleet, 6)).isEqualTo("100.00");
        assertThat(cell(fleet, 8)).isEqualTo("0");
        assertThat(Files.readAllLines(run.resolve("report/siege.csv"))).contains("fire;;3;750;" + cell(fleet, 5) + ";" + cell(fleet, 4) + ";100.00;0.00;0");
        assertThat(run.resolve("report/index.html")).content().contains("siege per host");
        // the target's own count of what it served
        assertThat(Files.readAllLines(run.resolve("logs/target/target-0/nginx-access.log"))).hasSize(750);

        assertThat(states(runs)).hasSize(4).containsOnly("TERMINATED");
        assertNothingLeft(run, port);
    }

    @Test
    void runAimsAnUpFleetAtTheUrlGivenWithSet() throws Exception {
        Path runs = Files.createTempDirectory(PROJECT.resolve("target"), "e2e-siege-");
        int port = FreePorts.loopback();
        flotilla("up", "--config", CONFIG, "--count", "cannon=2", "--set", "vars.target-port=" + port, "--runs-dir", runs.toString(), "--detach");
        Path run = onlyRun(runs);
        try {
            String out = flotilla("run", "fire", "--set", "vars.url=http://127.0.0.1:" + port + "/elsewhere?x=it's",
                    "--set", "vars.reps=3", "--runs-dir", runs.toString());
            assertThat(out).contains("fire: 2 of 2 hosts ok");
            for (int i = 0; i < 2; i++) {
                JsonNode siege = new ObjectMapper().readTree(run.resolve("local/cannon-" + i + "/logs/siege-fire.json").toFile());
                assertThat(siege.get("transactions").asInt()).as("cannon-%d: 5 users x 3", i).isEqualTo(15);
            }
            assertThat(Files.readAllLines(run.resolve("local/target-0/logs/nginx-access.log")))
                    .hasSize(30).allMatch(l -> l.contains("GET /elsewhere?x=it's "));
        } finally {
            flotilla("down", "--runs-dir", runs.toString());
        }
        assertThat(states(runs)).hasSize(3).containsOnly("TERMINATED");
        assertNothingLeft(run, port);
    }

    private static String flotilla(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("./flotilla"));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + "\n" + out).isZero();
        return out;
    }

    private static List<String> states(Path runs) throws Exception {
        Process status = new ProcessBuilder("./flotilla", "status", "--json", "--runs-dir", runs.toString()).directory(PROJECT.toFile()).start();
        List<String> states = new ArrayList<>();
        new ObjectMapper().readTree(status.getInputStream()).get("hosts").forEach(h -> states.add(h.get("state").asText()));
        return states;
    }

    /** No nginx of the run's target and no siege aimed at it is left, and its port is closed. */
    private static void assertNothingLeft(Path run, int port) throws IOException {
        List<String> left = new ArrayList<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path pid : pids) {
                String cmdline;
                try {
                    cmdline = Files.readString(pid.resolve("cmdline")).replace('\0', ' ');
                } catch (IOException gone) {
                    continue;
                }
                if (cmdline.contains(run.toString()) || cmdline.contains("siege") && cmdline.contains(":" + port + "/")) left.add(cmdline);
            }
        }
        assertThat(left).isEmpty();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(IOException.class);
    }

    private static String cell(String line, int index) {
        return line.split(";", -1)[index];
    }

    private static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }
}
