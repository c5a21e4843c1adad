package org.flotilla.ssh;

import org.apache.sshd.client.session.ClientSession;
import org.flotilla.fleet.Host;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One logged-in session per host for this process: opened on first need (the provider's host
 * keys pinned first), then held, so `configure`, `push`, tests and `fetch-logs` of a held fleet
 * reuse the login `up` made instead of paying a handshake each. A session the host closed is
 * replaced at the next need; every new one is a "logged in" line in the host's log.
 */
public final class HeldSessions implements AutoCloseable {
    private static final String KEEPALIVE = "keepalive@openssh.com";
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private final Login login;
    private final Function<Host, List<PublicKey>> pins;
    private final BiConsumer<Host, String> log;
    private final Map<String, CompletableFuture<ClientSession>> held = new ConcurrentHashMap<>();

    /** @param pins the host keys the provider vouches for (empty when it cannot tell) */
    public HeldSessions(Login login, Function<Host, List<PublicKey>> pins, BiConsumer<Host, String> log) {
        this.login = login;
        this.pins = pins;
        this.log = log;
    }

    /**
     * The host's held session when it still answers, or a new login (completing exceptionally
     * with an {@link SshFailure}). Call it off the SSH client's I/O threads: a held session is
     * asked for one round trip to prove it is alive.
     */
    public CompletableFuture<ClientSession> reach(Host host) {
        CompletableFuture<ClientSession> old = held.get(host.id());
        if (old != null && old.isDone() && !old.isCompletedExceptionally() && !answers(old.join())) held.remove(host.id(), old);
        return held.compute(host.id(), (id, current) -> {
            if (current != null && (!current.isDone() || (!current.isCompletedExceptionally() && current.join().isOpen()))) return current;
            login.hostKeys().pin(host, pins.apply(host));
            Connector connector;
            try {
                connector = login.connector();
            } catch (RuntimeException noWayIn) { // the provider's jump host is not where it should be: no host can be reached
                return CompletableFuture.failedFuture(SshFailure.permanent(noWayIn.getMessage()));
            }
            return connector.connect(host, log).whenComplete((session, error) -> {
                if (error == null) log.accept(host, "logged in to " + host.endpoint() + " as " + host.user());
            });
        });
    }

    /**
     * As {@link #reach(Host)}, with a held session's round trip done on {@code offIo}: a host with
     * no held session (every host during `up`) starts its login at once, queued behind nothing.
     */
    public CompletableFuture<ClientSession> reach(Host host, Executor offIo) {
        CompletableFuture<ClientSession> old = held.get(host.id());
        if (old == null || !old.isDone() || old.isCompletedExceptionally()) return reach(host);
        return CompletableFuture.supplyAsync(() -> reach(host), offIo).thenCompose(f -> f);
    }

    /**
     * A held session whose host was cut off or replaced may look open until the client hears of
     * it: a keepalive request (answered, even with a refusal, by OpenSSH and MINA) tells.
     */
    private static boolean answers(ClientSession session) {
        if (!session.isOpen() || session.isClosing()) return false;
        try {
            Buffer request = session.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST);
            request.putString(KEEPALIVE);
            request.putBoolean(true);
            session.request(KEEPALIVE, request, ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            return session.isOpen();
        } catch (IOException | RuntimeException e) {
            session.close(true);
            return false;
        }
    }

    /** Forgets the host's session and closes it (the host is gone, or its session is suspect). */
    public void drop(Host host) {
        CompletableFuture<ClientSession> old = held.remove(host.id());
        if (old != null) old.thenAccept(s -> s.close(true));
    }

    @Override
    public void close() {
        held.values().forEach(f -> f.thenAccept(s -> s.close(true)));
        held.clear();
    }
}
