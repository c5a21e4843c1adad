package org.flotilla.e2e;

import org.flotilla.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flotilla.RunCa;
import org.flotilla.e2e.FlotillaCommand.Result;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flotilla.e2e.FlotillaCommand.flotilla;

/** The Locust swarm with Debian's locust and nginx on local hosts: the README's command, and a held fleet taking a push. */
class LocustSwarmIT {
    private static final Path PROJECT = FlotillaCommand.PROJECT;

    @Test
    void theReadmesCommandRunsTheSwarmEndToEnd() throws Exception {
        Path runs = Files.createTempDirectory(PROJECT.resolve("target"), "e2e-runs-");

        Result test = flotilla(runs, "test", "--config", "config/scenarios/locust-swarm.conf", "--count", "locust_worker=2");

        assertThat(test.exit()).as(test.out()).isZero();
        assertThat(test.out()).contains("3 hosts: 3 ready, 0 failed", "swarm: 1 of 1 hosts ok", "0 hosts failed", "done");
        Path run = onlyRun(runs);
        String id = run.getFileName().toString();
        // 2 worker hosts x 2 cores: the master waited for 4 worker processes, and they all ran users.
        assertThat(run.resolve("logs/locust_master/locust_master-0/locust-master.log")).content()
                .contains("Waiting for workers to be ready, 0 of 4 connected").containsPattern("All users spawned: .*\\(20 total users\\)");
        List<String> table = Files.readAllLines(run.resolve("report/locust.csv"));
        String aggregated = table.stream().filter(l -> l.startsWith("swarm;;;Aggregated;")).findFirst().orElseThrow();
        String[] cells = aggregated.split(";");
        assertThat(Long.parseLong(cells[5])).as("requests").isGreaterThan(100);
        assertThat(cells[6]).as("failures").isEqualTo("0");
        assertThat(table).anyMatch(l -> l.startsWith("swarm;;GET;/about;"));

        Path secret = run.resolve("secrets/locust-ui");
        String password = Files.readString(secret).strip();
        assertThat(password).hasSize(24);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(test.out().split(password, -1)).as("the password is shown once").hasSize(2);
        assertThat(run.resolve("journal.jsonl")).content().doesNotContain(password);
        try (Stream<Path> logs = Files.list(run.resolve("hosts"))) {
            logs.forEach(log -> assertThat(log).content().doesNotContain(password));
        }
        assertThat(states(runs)).hasSize(3).containsOnly("TERMINATED");
        assertThat(processesOf(id)).as("processes of run %s after down", id).isEmpty();
    }

    @Test
    void theWebUiAnswersOnlyOverTlsAndOnlyWithTheRunsPassword() throws Exception {
        Path runs = Files.createTempDirectory(PROJECT.resolve("target"), "e2e-runs-");
        int uiPort = FreePorts.loopback();
        int webPort = FreePorts.loopback();
        // linger: the master's UI stays up 5 s after the run (its whole life, from waiting for the
        // workers on, is the window to look at it; the look takes well under a second once it answers)
        Result started = flotilla(runs, "up", "--config", "config/scenarios/locust-swarm.conf", "--count", "locust_worker=1", "--detach",
                "--set", "vars.ui-port=" + uiPort, "--set", "vars.web-port=" + webPort, "--set", "vars.target-port=" + FreePorts.loopback(),
                "--set", "vars.master-port=" + FreePorts.loopback(), "--set", "vars.linger=5");
        Path run = onlyRun(runs);
        String id = run.getFileName().toString();
        try { // an `up` with failed hosts still holds the others: down ends them whatever the assertions say
            assertThat(started.exit()).as(started.out()).isZero();
            String password = Files.readString(run.resolve("secrets/locust-ui")).strip();
            HttpClient tls = HttpClient.newBuilder().sslContext(RunCa.trusting(run.resolve("pki/ca.pem"))).connectTimeout(Duration.ofSeconds(5)).build();
            URI ui = URI.create("https://127.0.0.1:" + uiPort + "/");

            assertThat(get(tls, ui, null).statusCode()).as("no password").isEqualTo(401);
            assertThat(get(tls, ui, "flotilla:not-the-password").statusCode()).as("a wrong password").isEqualTo(401);
            HttpResponse<String> idle = get(tls, ui, "flotilla:" + password);
            assertThat(idle.statusCode()).as("no swarm running yet").isEqualTo(503);
            assertThat(idle.body()).contains("No swarm is running");
            assertThatThrownBy(() -> get(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:" + uiPort + "/"), "flotilla:" + password))
                    .as("plain HTTP to the UI's port gets no answer").isInstanceOf(IOException.class);
            assertThatThrownBy(() -> get(HttpClient.newHttpClient(), ui, "flotilla:" + password))
                    .as("a client that does not trust the run's CA").isInstanceOf(IOException.class);

            CompletableFuture<Result> swarm = CompletableFuture.supplyAsync(() -> {
                try {
                    return flotilla(runs, "run", "swarm");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            HttpResponse<String> live = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !swarm.isDone()) {
                live = get(tls, ui, "flotilla:" + password);
                if (live.statusCode() == 200) break;
                Thread.sleep(200);
            }
            assertThat(live).isNotNull();
            assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
            assertThat(live.body()).contains("<title>Locust");
            assertThat(listeners(webPort)).as("Locust's own UI listens on loopback only").containsExactly("127.0.0.1");
            assertThat(get(tls, ui, null).statusCode()).as("no password, while the swarm runs").isEqualTo(401);
            Result done = swarm.get(2, TimeUnit.MINUTES);
            assertThat(done.exit()).as(done.out()).isZero();
        } finally {
            Result down = flotilla(runs, "down");
            assertThat(down.exit()).as(down.out()).isZero();
        }
        assertThat(processesOf(id)).as("processes of run %s after down", id).isEmpty();
    }

    @Test
    void pushSwapsTheLocustfileOfAHeldFleet() throws Exception {
        Path runs = Files.createTempDirectory(PROJECT.resolve("target"), "e2e-runs-");
        Path resources = Files.createTempDirectory(PROJECT.resolve("target"), "e2e-resources-");
        for (String dir : List.of("locust-swarm", "pki")) copy(PROJECT.resolve("resources").resolve(dir), resources.resolve(dir));
        List<String> up = new ArrayList<>(List.of("up", "--config", "config/scenarios/locust-swarm.conf", "--count", "locust_worker=1",
                "--detach", "--set", "resources-dir=" + resources));
        for (String port : List.of("target-port", "ui-port", "web-port", "master-port")) up.addAll(List.of("--set", "vars." + port + "=" + FreePorts.loopback()));
        Result started = flotilla(runs, up.toArray(String[]::new));
        Path run = onlyRun(runs);
        String id = run.getFileName().toString();
        try { // an `up` with failed hosts still holds the others: down ends them whatever the assertions say
            assertThat(started.exit()).as(started.out()).isZero();
            Result first = flotilla(runs, "run", "swarm");
            assertThat(first.exit()).as(first.out()).isZero();
            Path stats = run.resolve("local/locust_master-0/logs/locust-swarm_stats.csv");
            assertThat(stats).content().contains("GET,/about,").doesNotContain("/pushed");

            Path locustfile = resources.resolve("locust-swarm/locustfile.py");
            Files.writeString(locustfile, Files.readString(locustfile)
                    .replace("self.client.get(\"/about\")", "self.client.get(\"/pushed\")")
                    + "\n\nimport os\nopen(\"logs/pushed-%d\" % os.getpid(), \"w\").close()\n");
            Result push = flotilla(runs, "push", "locust_worker", "locust_master");

            assertThat(push.exit()).as(push.out()).isZero();
            assertThat(push.out()).contains(
                    "locust_worker-0: uploaded locust/locustfile.py; unchanged bin/locust, bin/workers.sh, bin/supervise.sh; reloaded",
                    "locust_master-0: uploaded locust/locustfile.py;", "2 hosts: 2 changed, 0 unchanged, 0 failed");
            Path worker = run.resolve("local/locust_worker-0");
            assertThat(markers(worker.resolve("logs"), 2)).as("worker processes restarted with the new file").hasSize(2);
            assertThat(flotilla(runs, "push", "locust_worker").out()).contains("1 hosts: 0 changed, 1 unchanged, 0 failed", "nothing to reload");

            Result second = flotilla(runs, "run", "swarm");
            assertThat(second.exit()).as(second.out()).isZero();
            assertThat(stats).content().contains("GET,/pushed,").doesNotContain("/about");
        } finally {
            Result down = flotilla(runs, "down");
            assertThat(down.exit()).as(down.out()).isZero();
        }
        assertThat(processesOf(id)).as("processes of run %s after down", id).isEmpty();
    }

    /** The marker files the new locustfile writes as a process imports it, once there are {@code expected} (or after 30 s). */
    private static List<Path> markers(Path dir, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<Path> found;
            try (Stream<Path> files = Files.list(dir)) {
                found = files.filter(f -> f.getFileName().toString().startsWith("pushed-")).toList();
            }
            if (found.size() >= expected || System.nanoTime() > deadline) return found;
            Thread.sleep(200);
        }
    }

    private static HttpResponse<String> get(HttpClient client, URI uri, String user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (user != null) request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The addresses a TCP port listens on, from /proc/net/tcp (what `ss -ltn` shows). */
    private static List<String> listeners(int port) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of("/proc/net/tcp"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            String[] local = f[1].split(":");
            if (!f[3].equals("0A") || Integer.parseInt(local[1], 16) != port) continue;
            long a = Long.parseLong(local[0], 16);
            out.add((a & 0xff) + "." + (a >> 8 & 0xff) + "." + (a >> 16 & 0xff) + "." + (a >> 24 & 0xff));
        }
        if (Files.readString(Path.of("/proc/net/tcp6")).contains(String.format(":%04X 00000000000000000000000000000000:0000 0A", port))) out.add("::");
        return out;
    }

    private static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static List<String> states(Path runs) throws Exception {
        JsonNode status = new ObjectMapper().readTree(flotilla(runs, "status", "--json").out());
        List<String> states = new ArrayList<>();
        status.get("hosts").forEach(h -> states.add(h.get("state").asText()));
        return states;
    }

    /** Command lines of the processes whose environment carries FLOTILLA_RUN=id, as the local provider marks them. */
    private static List<String> processesOf(String id) throws IOException {
        byte[] mark = ("FLOTILLA_RUN=" + id + "\0").getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        try (Stream<Path> pids = Files.list(Path.of("/proc"))) {
            for (Path p : pids.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    byte[] env = Files.readAllBytes(p.resolve("environ"));
                    if (new String(env, StandardCharsets.ISO_8859_1).contains(new String(mark, StandardCharsets.ISO_8859_1))) {
                        found.add(p.getFileName() + " " + Files.readString(p.resolve("cmdline")).replace('\0', ' '));
                    }
                } catch (IOException gone) {
                    // exited while we looked
                }
            }
        }
        return found;
    }

    /**
     * A free loopback port below the kernel's ephemeral range (32768 on, as Linux's default
     * ip_local_port_range): a port the kernel handed out could be taken as the source port of
     * an outgoing connection between this look and nginx's bind (it was, once: "Address already in use").
     */
    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }
}
