package org.flotilla.provider.local;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.flotilla.config.LocalSettings;
import org.flotilla.config.RoleSpec;
import org.flotilla.fleet.Host;
import org.flotilla.pki.CertificateUse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** One booted local host and a logged-in SSH session to it, as a user's client would have. */
final class LocalHostShell implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(60);

    final LocalProvider provider;
    final Host host;
    final Path root;
    private final SshClient client = SshClient.setUpDefaultClient();
    final ClientSession session;

    /** What a finished channel gave: its exit status (null without one) and both streams. */
    record Finished(Integer status, String stdout, String stderr) {
    }

    LocalHostShell(Path dir, String runId) throws Exception {
        KeyPair user = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        provider = new LocalProvider(new LocalSettings("127.0.0.1", Duration.ZERO, Duration.ZERO, "/bin/sh"), dir, "tester", runId, user.getPublic());
        try {
            provider.launch(new RoleSpec("box", 1, List.of(), List.of(), List.of(), List.of(), Map.of(), CertificateUse.NONE), 1, named -> { });
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (provider.poll().isEmpty()) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("the local host did not boot");
                Thread.sleep(20);
            }
            host = provider.poll().get(0);
            root = dir.resolve(host.id()).toAbsolutePath();
            var hostKey = provider.hostKeys(host).get(0);
            client.setServerKeyVerifier((s, address, key) -> KeyUtils.compareKeys(key, hostKey));
            client.start();
            session = client.connect("tester", host.address(), host.port()).verify(PATIENCE).getSession();
            session.addPublicKeyIdentity(user);
            session.auth().verify(PATIENCE);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Runs a command with this stdin (then EOF) until its channel closes. */
    Finished exec(String command, byte[] stdin) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ClientChannel channel = session.createExecChannel(command)) {
            channel.setIn(new java.io.ByteArrayInputStream(stdin));
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(PATIENCE);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), PATIENCE);
            return new Finished(channel.getExitStatus(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    Finished exec(String command) throws Exception {
        return exec(command, new byte[0]);
    }

    @Override
    public void close() {
        try {
            client.stop();
        } finally {
            provider.close();
        }
    }
}
