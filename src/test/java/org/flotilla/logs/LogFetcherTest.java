package org.flotilla.logs;

import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.Run;
import org.flotilla.output.HostLog;
import org.flotilla.provider.local.LocalProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** fetch-logs against real local hosts: layout, verification, resuming after a cut, one host's failure. */
class LogFetcherTest {
    @TempDir
    Path tmp;

    private static final String FLEET = """
            roles {
              web {
                count = 3
                setup = [
                  "mkdir -p logs/sub && echo access-${host.index} > logs/access.log && echo deep > logs/sub/deep.txt"
                  "echo '{\\"n\\": ${host.index}}' > result-${host.index}.json"
                ]
                logs = [ "result-*.json", "logs/" ]
              }
            }
            """;

    @Test
    void everyRoleLogComesHomeUnderRoleAndHostAndAHostMissingOneIsNamed() throws Exception {
        Workspace w = new Workspace(tmp);
        Settings s = w.settings(w.config("fleet.conf", FLEET));
        Run run = Run.create(s.runsDir());
        try (FleetDaemon d = FleetDaemon.launch(s, run)) {
            assertThat(d.up().failed()).isEmpty();
            Files.delete(run.localDir().resolve("web-1/logs/access.log"));
            Files.delete(run.localDir().resolve("web-1/logs/sub/deep.txt"));
            Files.delete(run.localDir().resolve("web-1/logs/sub"));
            Files.delete(run.localDir().resolve("web-1/logs"));
            Path out = tmp.resolve("fetched");

            List<HostLogs> results = new LogFetcher(s, d.run().context().hosts(), new HostLog(run)).fetch(hosts(d), out);

            Map<String, HostLogs> byHost = results.stream().collect(Collectors.toMap(HostLogs::host, r -> r));
            assertThat(byHost.get("web-0").ok()).isTrue();
            assertThat(byHost.get("web-0").fetched()).isEqualTo(3);
            assertThat(out.resolve("web/web-0/access.log")).hasContent("access-0");
            assertThat(out.resolve("web/web-0/sub/deep.txt")).hasContent("deep");
            assertThat(out.resolve("web/web-2/result-2.json")).hasContent("{\"n\": 2}");
            assertThat(byHost.get("web-1").ok()).isFalse();
            assertThat(byHost.get("web-1").problems()).singleElement().asString().contains("logs/");
            assertThat(out.resolve("web/web-1/result-1.json")).as("the rest of web-1's logs still come").exists();
            d.down();
        }
    }

    @Test
    void aTransferCutMidFileIsResumedAndVerifiedFilesAreNotFetchedAgain() throws Exception {
        Workspace w = new Workspace(tmp);
        Settings s = w.settings(w.config("fleet.conf", FLEET + "roles.web.count = 1\n"));
        Run run = Run.create(s.runsDir());
        try (FleetDaemon d = FleetDaemon.launch(s, run)) {
            assertThat(d.up().failed()).isEmpty();
            // A big log, last in name order, so the small ones are complete when the cut comes.
            // 16 MiB: the cut at 4 MiB leaves 12 to resume, far more than SSH's window holds in flight.
            Path big = run.localDir().resolve("web-0/logs/z-big.bin");
            byte[] chunk = new byte[1 << 20];
            new java.util.Random(42).nextBytes(chunk);
            try (var o = Files.newOutputStream(big)) {
                for (int i = 0; i < 16; i++) o.write(chunk);
            }
            Path out = tmp.resolve("fetched");
            Path local = out.resolve("web/web-0/z-big.bin");
            LogFetcher fetcher = new LogFetcher(s, d.run().context().hosts(), new HostLog(run));

            AtomicReference<List<HostLogs>> first = new AtomicReference<>();
            Thread fetching = new Thread(() -> {
                try {
                    first.set(fetcher.fetch(hosts(d), out));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            fetching.start();
            while (!Files.exists(local) || Files.size(local) < (4 << 20)) {
                assertThat(fetching.isAlive()).as("the transfer ended before it could be cut").isTrue();
                Thread.onSpinWait(); // watching the file grow: the moment to cut
            }
            ((LocalProvider) d.run().provider()).cut("web-0");
            fetching.join(60_000);
            assertThat(first.get().get(0).ok()).as("the cut transfer is reported").isFalse();
            long partial = Files.size(local);
            assertThat(partial).isLessThan(Files.size(big));
            FileTime smallBefore = Files.getLastModifiedTime(out.resolve("web/web-0/access.log"));

            List<HostLogs> second = fetcher.fetch(hosts(d), out);

            HostLogs r = second.get(0);
            assertThat(r.ok()).as(r.problems().toString()).isTrue();
            assertThat(r.alreadyHere()).as("complete files are not fetched again").isEqualTo(3);
            assertThat(r.fetched()).isEqualTo(1);
            assertThat(r.bytes()).as("only the rest of the cut file moves").isEqualTo(Files.size(big) - partial);
            assertThat(sha256(local)).isEqualTo(sha256(big));
            assertThat(Files.getLastModifiedTime(out.resolve("web/web-0/access.log"))).isEqualTo(smallBefore);
            d.down();
        }
    }

    /** What one fetch from a one-host role "web" found: its result, its folder, the run. */
    private interface Fetched {
        void check(HostLogs r, Path host, Run run) throws Exception;
    }

    private void fetchOneHost(String role, Fetched check) throws Exception {
        Workspace w = new Workspace(tmp);
        Settings s = w.settings(w.config("fleet.conf", "roles.web {\n" + role + "\n}\n"));
        Run run = Run.create(s.runsDir());
        try (FleetDaemon d = FleetDaemon.launch(s, run)) {
            try {
                assertThat(d.up().failed()).isEmpty();
                Path out = tmp.resolve("fetched");
                HostLogs r = new LogFetcher(s, d.run().context().hosts(), new HostLog(run)).fetch(hosts(d), out).get(0);
                check.check(r, out.resolve("web/web-0"), run);
            } finally {
                d.down();
            }
        }
    }

    private static long filesIn(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void twoLogsWithOneNameAreBothKeptAndTheCountIsTheFilesOnDisk() throws Exception {
        fetchOneHost("""
                setup = [ "mkdir -p coll/a coll/b && echo from-a > coll/a/x.log && echo from-b > coll/b/x.log && echo solo > coll/a/solo.log" ]
                logs = [ "coll/a/x.log", "coll/b/x.log", "coll/a/solo.log", "coll/a/*.log" ]
                """, (r, host, run) -> {
            assertThat(r.ok()).as(r.problems().toString()).isTrue();
            assertThat(host.resolve("coll/a/x.log")).hasContent("from-a");
            assertThat(host.resolve("coll/b/x.log")).hasContent("from-b");
            assertThat(host.resolve("solo.log")).as("a name of its own keeps today's place").hasContent("solo");
            assertThat((long) r.fetched()).as("fetched = files on disk").isEqualTo(filesIn(host)).isEqualTo(3);
            assertThat(run.hostLog("web-0")).content().contains("coll/a/x.log").contains("kept under its remote path");
        });
    }

    @Test
    void aDirectoryWhoseNameEndsInASpaceCostsOnlyItself() throws Exception {
        fetchOneHost("""
                setup = [ "mkdir -p 'logs/odd ' logs/ok && echo odd > 'logs/odd /y.log' && echo fine > logs/ok/z.log && echo top > logs/top.log" ]
                logs = [ "logs/" ]
                """, (r, host, run) -> {
            assertThat(host.resolve("ok/z.log")).as(r.problems().toString()).hasContent("fine");
            assertThat(host.resolve("top.log")).hasContent("top");
            if (r.ok()) {
                assertThat(host.resolve("odd /y.log")).hasContent("odd");
            } else {
                assertThat(r.problems()).singleElement().asString().contains("odd ");
            }
            assertThat((long) r.fetched()).isEqualTo(filesIn(host));
        });
    }

    private static List<Host> hosts(FleetDaemon d) {
        return d.run().fleet().hosts().stream().filter(Host::hasAddress).toList();
    }

    private static String sha256(Path f) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(f)) {
            sha.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
