package org.flotilla.pki;

import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Certificates as hosts get them: `up` makes the run's PKI, each host sees only its own key, `pki init` fills gaps. */
class HostCertificatesTest {
    private static final Path PROJECT_PKI = Path.of("resources", "pki");
    @TempDir
    Path tmp;
    Workspace w;

    @BeforeEach
    void resources() throws Exception {
        w = new Workspace(tmp);
        for (String f : new String[]{"ca.pem.ftl", "host.pem.ftl", "host.key.ftl", "tls-crypt.key.ftl"}) {
            w.write("resources/pki/" + f, Files.readString(PROJECT_PKI.resolve(f)));
        }
    }

    private static final String KEYS = """
                { source = "pki/ca.pem.ftl", dest = "keys/ca.pem" }
                { source = "pki/host.pem.ftl", dest = "keys/host.pem" }
                { source = "pki/host.key.ftl", dest = "keys/host.key", mode = "0600" }
                { source = "pki/tls-crypt.key.ftl", dest = "keys/tls-crypt.key", mode = "0600" }
            """;

    private FleetDaemon launch(String roles) {
        Settings settings = w.settings(w.config("pki.conf", roles));
        return FleetDaemon.launch(settings, Run.create(settings.runsDir()));
    }

    @Test
    void everyHostGetsItsOwnCertificateAndKeyModeIsKeptAndPkiInitFillsWhatIsMissing() throws Exception {
        try (FleetDaemon d = launch("""
                roles {
                  server { certificate = server, resources = [ %s ] }
                  client { count = 3, after = [server], certificate = client, resources = [ %s ] }
                  watcher { resources = [ { source = "pki/ca.pem.ftl", dest = "keys/ca.pem" } ] }
                }
                """.formatted(KEYS, KEYS))) {
            Outcome o = d.up();
            assertThat(o.failed()).isEmpty();
            Run run = w.latestRun();
            Path pki = run.dir().resolve("pki");
            Set<String> certs = new HashSet<>();
            for (String host : new String[]{"server-0", "client-0", "client-1", "client-2"}) {
                Path keys = run.localDir().resolve(host).resolve("keys");
                assertThat(keys.resolve("host.pem")).as(host).hasSameTextualContentAs(pki.resolve(host + ".pem"));
                assertThat(keys.resolve("host.key")).as(host).hasSameTextualContentAs(pki.resolve(host + ".key"));
                assertThat(keys.resolve("ca.pem")).hasSameTextualContentAs(pki.resolve("ca.pem"));
                assertThat(mode(keys.resolve("host.key"))).as(host).isEqualTo("rw-------");
                assertThat(mode(keys.resolve("tls-crypt.key"))).as(host).isEqualTo("rw-------");
                certs.add(Files.readString(keys.resolve("host.pem")));
            }
            assertThat(certs).hasSize(4);
            assertThat(run.localDir().resolve("watcher-0/keys/ca.pem")).hasSameTextualContentAs(pki.resolve("ca.pem"));
            assertThat(pki.resolve("watcher-0.pem")).doesNotExist();
            assertThat(run.hostLog("client-1")).content().contains("certificate (client): " + pki.resolve("client-1.pem"))
                    .doesNotContain("PRIVATE KEY");

            Workspace.Result nothing = w.cliInRuns("pki", "init");
            assertThat(nothing.exit()).as(nothing.toString()).isZero();
            assertThat(nothing.out()).contains("pki of run " + run.id() + ": " + pki, "server-0 (server, 127.0.0.1)",
                    "client-2 (client, 127.0.0.1)", "nothing was missing").doesNotContain("watcher-0");

            Files.delete(pki.resolve("client-1.pem"));
            Workspace.Result filled = w.cliInRuns("pki", "init", "--run", run.id());
            assertThat(filled.out()).contains("made: client-1.key, client-1.pem");
            d.down();
        }
    }

    @Test
    void aKeyUploadedReadableByOthersOrSeenByAHostWithoutCertificateFailsThatHost() throws Exception {
        try (FleetDaemon d = launch("""
                roles {
                  loose { certificate = client, resources = [ { source = "pki/host.key.ftl", dest = "keys/host.key" } ] }
                  bare { resources = [ { source = "pki/host.key.ftl", dest = "keys/host.key", mode = "0600" } ] }
                }
                """)) {
            Outcome o = d.up();
            assertThat(o.failed()).containsOnlyKeys("loose-0", "bare-0");
            assertThat(o.failed().get("loose-0")).contains("resource pki/host.key.ftl carries a private key", "mode 0644",
                    "mode = \"0600\" in roles.loose.resources");
            assertThat(o.failed().get("bare-0")).contains("pki/host.key.ftl:1", "host.key");
            assertThat(w.latestRun().localDir().resolve("loose-0/keys/host.key")).doesNotExist();
            d.down();
        }
    }

    @Test
    void aCertificateThatIsNoneServerOrClientIsAConfigErrorNamingFileAndLine() {
        Workspace.Result r = w.cli("up", "--config", w.config("typo.conf", "roles.vpn {\n  certificate = sever\n}\n").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("typo.conf:4: ", "roles.vpn.certificate", "expected none, server or client, got 'sever'",
                "nothing was launched");
    }

    @Test
    void pkiInitNeedsToBeToldWhatToDo() {
        Workspace.Result r = w.cliInRuns("pki");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("usage: flotilla pki init");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
