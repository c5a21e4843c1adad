package org.flotilla.ssh;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.flotilla.config.HostKeyPolicy;
import org.flotilla.fleet.Host;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How long one connection attempt may take: until the host's sshd answers (its SSH greeting),
 * ssh.attempt-timeout; once it has, ssh.login-timeout for the key exchange and login. A slow sshd
 * that answered (short of CPU) is waited for, not cut off and started over; one that never
 * answers, or never finishes, is retried and named with what it did last.
 */
@Timeout(120)
class SlowSshdTest {
    @TempDir
    Path tmp;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Queue<AutoCloseable> started = new ConcurrentLinkedQueue<>();
    private final Queue<String> hostLog = new ConcurrentLinkedQueue<>();

    @AfterEach
    void endWhatWasStarted() throws Exception {
        timer.shutdownNow();
        for (AutoCloseable c : started) c.close();
    }

    @Test
    void anSshdThatAnswersButIsSlowToLogInIsWaitedForPastTheAttemptTimeout() throws Exception {
        KeyPair client = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        SshServer sshd = SshServer.setUpDefaultServer();
        started.add(sshd::stop);
        sshd.setHost("127.0.0.1");
        sshd.setKeyPairProvider(KeyPairProvider.wrap(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256)));
        sshd.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, client.getPublic()));
        sshd.start();
        // The sshd greets at once; everything it says after that comes 2.5 s late, as from a starved one.
        int port = listen(c -> {
            try (Socket up = new Socket("127.0.0.1", sshd.getPort())) {
                Thread back = daemon(() -> pump(c, up));
                InputStream from = up.getInputStream();
                OutputStream to = c.getOutputStream();
                int b;
                while ((b = from.read()) >= 0) {
                    to.write(b);
                    if (b == '\n') break;
                }
                to.flush();
                Thread.sleep(2500);
                from.transferTo(to);
                back.join();
            }
        });

        ClientSession session = connector(Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(60), client)
                .connect(host(port), (h, line) -> hostLog.add(line)).get(90, TimeUnit.SECONDS);
        try {
            assertThat(session.isAuthenticated()).isTrue();
            assertThat(hostLog).as("the first attempt was not cut off at the 1s attempt-timeout").noneMatch(l -> l.startsWith("attempt "));
        } finally {
            session.close(true);
        }
    }

    @Test
    void aHostThatAcceptsButNeverGreetsIsTriedAgainEachAttemptTimeoutAndTheErrorSaysSo() throws Exception {
        int port = listen(c -> c.getInputStream().transferTo(OutputStream.nullOutputStream()));

        assertThatThrownBy(() -> reach(port, Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(60)))
                .isInstanceOf(SshFailure.class)
                .hasMessageMatching("SSH did not answer within 3s \\([0-9]+ attempts; last: the host accepted the connection but sent no SSH greeting within 1s\\)");
        assertThat(hostLog).first().asString()
                .startsWith("attempt 1 to reach 127.0.0.1:" + port + ": the host accepted the connection but sent no SSH greeting within 1s; retrying in ");
    }

    @Test
    void anSshdThatAnswersButNeverFinishesTheKeyExchangeIsCutAtTheLoginTimeout() throws Exception {
        int port = listen(c -> {
            c.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
            c.getInputStream().transferTo(OutputStream.nullOutputStream());
        });

        assertThatThrownBy(() -> reach(port, Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .isInstanceOf(SshFailure.class)
                .hasMessageMatching("SSH did not answer within 4s \\([0-9]+ attempts; last: the host's sshd answered but its key exchange and login did not finish within 2s\\)");
        assertThat(hostLog).first().asString()
                .startsWith("attempt 1 to reach 127.0.0.1:" + port + ": the host's sshd answered but its key exchange and login did not finish within 2s; retrying in ");
    }

    private void reach(int port, Duration connect, Duration attempt, Duration login) throws Throwable {
        KeyPair client = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        try {
            connector(connect, attempt, login, client).connect(host(port), (h, line) -> hostLog.add(line)).get(90, TimeUnit.SECONDS).close(true);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    private Connector connector(Duration connect, Duration attempt, Duration login, KeyPair client) {
        HostKeys hostKeys = new HostKeys(tmp.resolve("known_hosts"), HostKeyPolicy.ACCEPT_NEW, tmp.resolve("user_known_hosts"));
        started.add(hostKeys);
        return new Connector(Ssh.client(), hostKeys, h -> client, new Connector.Timeouts(connect, attempt, login), timer);
    }

    private static Host host(int port) {
        return new Host("web-0", "web", 0, "web-0", "127.0.0.1", port, "root", null);
    }

    interface Peer {
        void serve(Socket connection) throws Exception;
    }

    /** A server on 127.0.0.1 that serves each connection on its own thread; ended after the test. */
    private int listen(Peer peer) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> connections = new ArrayList<>();
        started.add(() -> {
            server.close();
            synchronized (connections) {
                for (Socket c : connections) c.close();
            }
        });
        daemon(() -> {
            while (!server.isClosed()) {
                try {
                    Socket c = server.accept();
                    synchronized (connections) {
                        connections.add(c);
                    }
                    daemon(() -> {
                        try (c) {
                            peer.serve(c);
                        } catch (Exception e) {
                            // the client went away or the test ended: either way this connection is over
                        }
                    });
                } catch (IOException e) {
                    return; // closed at the end of the test
                }
            }
        });
        return server.getLocalPort();
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed: the relay is over
        }
    }
}
