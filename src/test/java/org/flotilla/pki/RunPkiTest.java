package org.flotilla.pki;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The run's PKI as OpenSSL sees it: what OpenVPN and nginx will be handed. */
class RunPkiTest {
    @TempDir
    Path run;

    @Test
    void opensslVerifiesEveryCertificateForItsPurposeAndEachClientHasItsOwn() throws Exception {
        RunPki pki = RunPki.open(run, "20260101-120000-abcd");
        pki.host("server-0", CertificateUse.SERVER, "127.0.0.1");
        for (int i = 0; i < 3; i++) pki.host("client-" + i, CertificateUse.CLIENT, "127.0.0.1");
        Path dir = run.resolve("pki");
        Path ca = dir.resolve("ca.pem");

        assertThat(openssl("verify", "-CAfile", ca.toString(), "-purpose", "sslserver", dir.resolve("server-0.pem").toString()))
                .isEqualTo(dir.resolve("server-0.pem") + ": OK\n");
        Set<String> clientKeys = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Path cert = dir.resolve("client-" + i + ".pem");
            assertThat(openssl("verify", "-CAfile", ca.toString(), "-purpose", "sslclient", cert.toString())).isEqualTo(cert + ": OK\n");
            assertThat(openssl("x509", "-in", cert.toString(), "-noout", "-subject")).contains("CN = client-" + i);
            String pub = openssl("x509", "-in", cert.toString(), "-noout", "-pubkey");
            assertThat(openssl("pkey", "-in", dir.resolve("client-" + i + ".key").toString(), "-pubout"))
                    .as("client-%d's key belongs to its certificate", i).isEqualTo(pub);
            clientKeys.add(pub);
        }
        assertThat(clientKeys).as("one key pair per client, never shared").hasSize(3);
        // A client certificate must not pass as a server's: OpenVPN's remote-cert-tls checks this.
        assertThat(opensslFails("verify", "-CAfile", ca.toString(), "-purpose", "sslserver", dir.resolve("client-0.pem").toString()))
                .contains("unsuitable certificate purpose");
        assertThat(openssl("x509", "-in", dir.resolve("server-0.pem").toString(), "-noout", "-ext", "subjectAltName"))
                .contains("IP Address:127.0.0.1");

        List<String> secrets = new ArrayList<>(List.of("ca.key", "tls-crypt.key", "server-0.key"));
        for (int i = 0; i < 3; i++) secrets.add("client-" + i + ".key");
        for (String f : secrets) assertThat(mode(dir.resolve(f))).as(f).isEqualTo("rw-------");
        assertThat(mode(ca)).isEqualTo("rw-r--r--");
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(dir.resolve("tls-crypt.key")).content().contains("-----BEGIN OpenVPN Static key V1-----")
                .containsPattern("(?m)^[0-9a-f]{32}$");
    }

    @Test
    void whatIsThereIsKeptAndAServerWhoseAddressChangedGetsANewCertificate() throws Exception {
        RunPki first = RunPki.open(run, "r1");
        HostCredentials client = first.host("client-0", CertificateUse.CLIENT, "127.0.0.5");
        HostCredentials server = first.host("server-0", CertificateUse.SERVER, "127.0.0.1");
        String ca = first.ca();

        RunPki again = RunPki.open(run, "r1");
        assertThat(again.ca()).isEqualTo(ca);
        assertThat(again.host("client-0", CertificateUse.CLIENT, "127.0.0.6")).isEqualTo(client);
        assertThat(again.host("server-0", CertificateUse.SERVER, "127.0.0.1")).isEqualTo(server);
        assertThat(again.created()).isEmpty();

        HostCredentials moved = again.host("server-0", CertificateUse.SERVER, "server.example");
        assertThat(moved).isNotEqualTo(server);
        assertThat(again.created()).containsExactly(run.resolve("pki/server-0.key"), run.resolve("pki/server-0.pem"));
        assertThat(openssl("x509", "-in", run.resolve("pki/server-0.pem").toString(), "-noout", "-ext", "subjectAltName"))
                .contains("DNS:server.example");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static String openssl(String... args) throws Exception {
        Result r = run(args);
        assertThat(r.exit).as("openssl %s\n%s", String.join(" ", args), r.out).isZero();
        return r.out;
    }

    private static String opensslFails(String... args) throws Exception {
        Result r = run(args);
        assertThat(r.exit).as("openssl %s\n%s", String.join(" ", args), r.out).isNotZero();
        return r.out;
    }

    private record Result(int exit, String out) {
    }

    private static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
