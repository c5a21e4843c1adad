package org.flotilla.ssh;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.flotilla.config.HostKeyPolicy;
import org.flotilla.fleet.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Host keys the provider cannot vouch for: strict honours OpenSSH known_hosts, wildcards included. */
class HostKeysTest {
    @TempDir
    Path tmp;

    private static Host host(String address, int port) {
        return Host.named("web", 0, "fixed", "root").at(address, port);
    }

    @Test
    void strictAcceptsAKeyListedUnderAWildcardPatternAndNothingElse() throws Exception {
        KeyPair key = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Path known = Files.writeString(tmp.resolve("known_hosts"), "# fleet\n[127.0.*]:2222 " + PublicKeyEntry.toString(key.getPublic()) + "\n");
        HostKeys keys = new HostKeys(tmp.resolve("run_known_hosts"), HostKeyPolicy.STRICT, known);

        assertThat(keys.verify(host("127.0.3.7", 2222), key.getPublic())).contains("found in");
        assertThatThrownBy(() -> new HostKeys(tmp.resolve("run2"), HostKeyPolicy.STRICT, known).verify(host("127.0.3.7", 2223), key.getPublic()))
                .hasMessageContaining("is not in " + known);
        assertThatThrownBy(() -> new HostKeys(tmp.resolve("run3"), HostKeyPolicy.STRICT, known).verify(host("127.0.3.8", 2222), other.getPublic()))
                .hasMessageContaining("strict");
    }

    @Test
    void acceptNewRecordsTheFirstKeyAndRefusesAChangeEvenInALaterProcess() throws Exception {
        KeyPair first = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair second = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Path run = tmp.resolve("known_hosts");
        new HostKeys(run, HostKeyPolicy.ACCEPT_NEW, tmp.resolve("none")).verify(host("127.0.0.1", 2200), first.getPublic());

        HostKeys later = new HostKeys(run, HostKeyPolicy.ACCEPT_NEW, tmp.resolve("none"));
        assertThat(later.verify(host("127.0.0.1", 2200), first.getPublic())).isNull();
        assertThatThrownBy(() -> later.verify(host("127.0.0.1", 2200), second.getPublic())).hasMessageContaining("host key changed");
    }
}
