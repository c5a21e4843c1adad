package org.flotilla.ssh;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.KexProposalOption;
import org.flotilla.OpenSshFleet;
import org.flotilla.config.HostKeyPolicy;
import org.flotilla.fleet.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real OpenSSH server takes the JDK-backed chacha20-poly1305@openssh.com as its own: the
 * client negotiates it in both directions, and a megabyte sent through `cat` comes back intact
 * (hundreds of packets each way, every one's tag checked by sshd and by us).
 */
@Timeout(120)
class JdkChaCha20OpenSshTest {
    @TempDir
    Path tmp;

    @Test
    void anOpenSshServerSpeaksItBothWays() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (OpenSshFleet ssh = OpenSshFleet.start(1);
             HostKeys hostKeys = new HostKeys(tmp.resolve("known_hosts"), HostKeyPolicy.ACCEPT_NEW, tmp.resolve("user_known_hosts"))) {
            KeyPair key = ClientKey.load(ssh.clientKey, "FLOTILLA_TEST_NO_PASSPHRASE");
            Duration t = Duration.ofSeconds(30);
            Connector connector = new Connector(Ssh.client(), hostKeys, h -> key, new Connector.Timeouts(t, t, t), timer);
            Host host = new Host("web-0", "web", 0, "web-0", ssh.addresses().get(0), ssh.port, ssh.sudoer, null);
            try (ClientSession session = connector.connect(host, (h, line) -> { }).get(60, TimeUnit.SECONDS)) {
                assertThat(session.getNegotiatedKexParameter(KexProposalOption.C2SENC)).isEqualTo("chacha20-poly1305@openssh.com");
                assertThat(session.getNegotiatedKexParameter(KexProposalOption.S2CENC)).isEqualTo("chacha20-poly1305@openssh.com");
                assertThat(session.getCipherInformation(false)).isInstanceOf(JdkChaCha20Poly1305.class);
                assertThat(session.getCipherInformation(true)).isInstanceOf(JdkChaCha20Poly1305.class);

                byte[] sent = new byte[1 << 20];
                new Random(18).nextBytes(sent);
                ByteArrayOutputStream back = new ByteArrayOutputStream();
                try (ChannelExec cat = session.createExecChannel("cat")) {
                    cat.setIn(new ByteArrayInputStream(sent));
                    cat.setOut(back);
                    cat.setErr(back);
                    cat.open().verify(30, TimeUnit.SECONDS);
                    cat.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TimeUnit.SECONDS.toMillis(60));
                    assertThat(cat.getExitStatus()).isEqualTo(0);
                }
                assertThat(back.toByteArray()).as("what cat sent back").isEqualTo(sent);
            }
        } finally {
            timer.shutdownNow();
        }
    }
}
