package org.flotilla.fleet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunSecretsTest {
    @TempDir
    Path tmp;

    @Test
    void aSecretIsCreatedOnceOwnerOnlyAndKeptForLaterCommands() throws Exception {
        Run run = Run.create(tmp);
        RunSecrets secrets = new RunSecrets(run);

        Map<String, String> created = secrets.create(List.of("ui", "db"));

        assertThat(created).containsOnlyKeys("ui", "db");
        assertThat(created.get("ui")).hasSize(24).isNotEqualTo(created.get("db"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.file("ui")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.file("ui").getParent()))).isEqualTo("rwx------");
        assertThat(secrets.create(List.of("ui"))).as("shown once: not created again").isEmpty();
        assertThat(new RunSecrets(run).model(List.of("ui"))).isEqualTo(secrets.model(List.of("ui")));
        assertThat(secrets.model(List.of("ui")).get("ui")).isEqualTo(Map.of("password", created.get("ui"),
                "htpasswd", secrets.htpasswd(created.get("ui"), "ui")));
    }

    @Test
    void theHtpasswdHashIsSaltedSha1OfThePassword() throws Exception {
        RunSecrets secrets = new RunSecrets(Run.create(tmp));

        String hash = secrets.htpasswd("open sesame", "ui");

        assertThat(hash).startsWith("{SSHA}");
        byte[] both = Base64.getDecoder().decode(hash.substring("{SSHA}".length()));
        byte[] salt = Arrays.copyOfRange(both, 20, both.length);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update("open sesame".getBytes(StandardCharsets.UTF_8));
        sha1.update(salt);
        assertThat(Arrays.copyOf(both, 20)).isEqualTo(sha1.digest());
        assertThat(salt).hasSize(8);
        assertThat(secrets.htpasswd("open sesame", "other")).as("another name, another salt").isNotEqualTo(hash);
    }
}
