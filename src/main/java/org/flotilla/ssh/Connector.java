package org.flotilla.ssh;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.flotilla.config.SshSettings;
import org.flotilla.fleet.Host;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Opens an authenticated session to a host without blocking a thread: connect, key exchange,
 * host key check, public key auth. Refused, reset or timed-out attempts are retried with
 * exponential backoff and jitter until the host's deadline; a refused login or a changed host
 * key ends it at once. How long one attempt may take: {@link Cutoff}.
 */
public final class Connector {
    static final AttributeKey<Ssh.Verification> VERIFICATION = new AttributeKey<>();
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final SshClient client;
    private final HostKeys hostKeys;
    private final Function<Host, KeyPair> keys;
    private final Timeouts timeouts;
    private final ScheduledExecutorService timer;
    private static final long REFUSAL_GRACE_MS = 300;
    private final JumpHost jump;

    /**
     * @param connect how long a host may take to answer at all (ssh.connect-timeout)
     * @param attempt one attempt, until the host's sshd answers: TCP connect and its SSH greeting (ssh.attempt-timeout)
     * @param login one attempt once the sshd has answered: its key exchange and login (ssh.login-timeout)
     */
    public record Timeouts(Duration connect, Duration attempt, Duration login) {
        public static Timeouts of(SshSettings ssh) {
            return new Timeouts(ssh.connectTimeout(), ssh.attemptTimeout(), ssh.loginTimeout());
        }
    }

    public Connector(SshClient client, HostKeys hostKeys, Function<Host, KeyPair> keys, Timeouts timeouts,
                     ScheduledExecutorService timer) {
        this(client, hostKeys, keys, timeouts, timer, null);
    }

    /** @param jump the host every connection goes through (ssh.jump), or null: straight to each host */
    Connector(SshClient client, HostKeys hostKeys, Function<Host, KeyPair> keys, Timeouts timeouts,
              ScheduledExecutorService timer, JumpHost jump) {
        this.client = client;
        this.hostKeys = hostKeys;
        this.keys = keys;
        this.timeouts = timeouts;
        this.timer = timer;
        this.jump = jump;
    }

    /** Completes with a logged-in session, or exceptionally with an {@link SshFailure}. */
    public CompletableFuture<ClientSession> connect(Host host, BiConsumer<Host, String> log) {
        CompletableFuture<ClientSession> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + timeouts.connect().toNanos();
        attempt(host, log, result, deadline, 1);
        if (jump != null) result.thenRun(() -> log.accept(host, "reached through jump host " + jump.endpoint()));
        return result;
    }

    private void attempt(Host host, BiConsumer<Host, String> log, CompletableFuture<ClientSession> result, long deadline, int n) {
        if (jump == null) {
            attempt(host, log, result, deadline, n, new Way(host.address(), host.port(), () -> { }, why -> why));
            return;
        }
        jump.forward(host, log).whenComplete((tunnel, error) -> {
            Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (e instanceof SshFailure f && !f.isTransient()) {
                result.completeExceptionally(SshFailure.permanent("jump host " + jump.endpoint() + ": " + f.getMessage()));
            } else if (e != null) {
                retryOrFail(host, log, result, deadline, n, "jump host " + jump.endpoint() + ": "
                        + (e instanceof SshFailure ? e.getMessage() : describe(e, "failed")));
            } else {
                SshdSocketAddress local = tunnel.getBoundAddress();
                jump.refusal(host); // an earlier attempt's: this one tells its own
                attempt(host, log, result, deadline, n, new Way(local.getHostName(), local.getPort(), () -> closeQuietly(tunnel), why -> {
                    String refused = jump.refusal(host);
                    return refused == null ? why : "jump host " + jump.endpoint() + ": " + refused;
                }));
            }
        });
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // the forwarding's listener is gone with its session either way
        }
    }

    /**
     * Where one attempt connects: the host's own address, or a forwarding to it through the jump
     * host, which {@code done} ends and whose refusals {@code explain} tells instead of the
     * reset a closed forwarding looks like.
     */
    private record Way(String address, int port, Runnable done, UnaryOperator<String> explain) {
    }

    private void attempt(Host host, BiConsumer<Host, String> log, CompletableFuture<ClientSession> result, long deadline, int n, Way way) {
        String address = way.address();
        int port = way.port();
        Runnable done = way.done();
        AtomicReference<String> keyProblem = new AtomicReference<>();
        Ssh.Verification verification = (PublicKey key) -> {
            try {
                String note = hostKeys.verify(host, key);
                if (note != null) log.accept(host, note);
                return true;
            } catch (SshFailure f) {
                keyProblem.set(f.getMessage());
                return false;
            } catch (RuntimeException e) {
                // e.g. a file that cannot be read or written: permanent, never a reason to retry the connection
                keyProblem.set("host key check failed: " + e.getMessage());
                return false;
            }
        };
        ConnectFuture connecting;
        try {
            connecting = client.connect(host.user(), address, port,
                    AttributeRepository.ofKeyValuePair(VERIFICATION, verification));
        } catch (IOException e) {
            done.run();
            retryOrFail(host, log, result, deadline, n, way.explain().apply(e.toString()));
            return;
        }
        Cutoff cutoff = new Cutoff(connecting);
        connecting.addListener(cf -> {
            if (!cf.isConnected()) {
                cutoff.end();
                done.run();
                retryOrFail(host, log, result, deadline, n, way.explain().apply(cutoff.why(() -> describe(cf.getException(), "timed out connecting"))));
                return;
            }
            ClientSession session = cf.getSession();
            session.addCloseFutureListener(closed -> done.run());
            session.addPublicKeyIdentity(keys.apply(host));
            try {
                session.auth().addListener(af -> {
                    if (cutoff.end() && af.isSuccess()) {
                        result.complete(session);
                        return;
                    }
                    session.close(true);
                    Throwable e = af.getException();
                    String why = cutoff.why(() -> describe(e, "timed out during key exchange or login"));
                    if (keyProblem.get() != null) {
                        result.completeExceptionally(SshFailure.permanent(keyProblem.get()));
                    } else if (isAuthRefusal(e)) {
                        result.completeExceptionally(SshFailure.permanent("authentication refused for user '" + host.user()
                                + "' with key " + org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(keys.apply(host).getPublic())));
                    } else {
                        retryOrFail(host, log, result, deadline, n, way.explain().apply(why));
                    }
                });
            } catch (IOException e) {
                cutoff.end();
                session.close(true);
                retryOrFail(host, log, result, deadline, n, way.explain().apply(describe(e, "login failed")));
            }
        });
    }

    private void retryOrFail(Host host, BiConsumer<Host, String> log, CompletableFuture<ClientSession> result,
                             long deadline, int n, String why) {
        long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(n - 1, 10));
        long delay = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) > deadline) {
            if (jump == null) {
                giveUp(result, n, why);
            } else {
                // The jump host's refusal of the forwarding may reach us just after the connection through it broke.
                timer.schedule(() -> {
                    String refused = jump.refusal(host);
                    giveUp(result, n, refused == null ? why : "jump host " + jump.endpoint() + ": " + refused);
                }, REFUSAL_GRACE_MS, TimeUnit.MILLISECONDS);
            }
            return;
        }
        log.accept(host, "attempt " + n + " to reach " + host.endpoint() + ": " + why + "; retrying in " + delay + " ms");
        timer.schedule(() -> attempt(host, log, result, deadline, n + 1), delay, TimeUnit.MILLISECONDS);
    }

    private void giveUp(CompletableFuture<ClientSession> result, int n, String why) {
        result.completeExceptionally(new SshFailure("SSH did not answer within " + seconds(timeouts.connect())
                + " (" + n + " attempts; last: " + why + ")", true, null));
    }

    /**
     * Ends an attempt that takes too long, as OpenSSH does: its ConnectTimeout covers the TCP
     * connect and the server's greeting (ssh.attempt-timeout), sshd's LoginGraceTime the rest
     * (ssh.login-timeout). A server that has greeted is up; if it is slow, it is starved of CPU
     * (hundreds of logins at once on a few cores), and cutting its key exchange off to start it
     * over only adds to its work.
     */
    private final class Cutoff {
        private final ConnectFuture connecting;
        private boolean over;
        private String why;
        private volatile ScheduledFuture<?> pending;

        Cutoff(ConnectFuture connecting) {
            this.connecting = connecting;
            pending = timer.schedule(this::greetingDue, timeouts.attempt().toMillis(), TimeUnit.MILLISECONDS);
        }

        private void greetingDue() {
            ClientSession session = connecting.getSession();
            if (session == null) {
                cut("no TCP connection within " + seconds(timeouts.attempt()));
            } else if (session.getServerVersion() == null) {
                cut("the host accepted the connection but sent no SSH greeting within " + seconds(timeouts.attempt()));
            } else {
                pending = timer.schedule(() -> cut("the host's sshd answered but its key exchange and login did not finish within "
                        + seconds(timeouts.login())), timeouts.login().minus(timeouts.attempt()).toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private synchronized void cut(String reason) {
            if (over) return;
            over = true;
            why = reason;
            connecting.cancel();
            ClientSession session = connecting.getSession();
            if (session != null) session.close(true);
        }

        /** The attempt ended by itself: true unless it was cut off first. */
        synchronized boolean end() {
            if (over) return why == null;
            over = true;
            pending.cancel(false);
            return true;
        }

        /** Why the attempt failed: its cutoff, if that was it, else what the connection said. */
        synchronized String why(Supplier<String> otherwise) {
            return why != null ? why : otherwise.get();
        }
    }

    /** "15s", "1.5s": as durations are written in the config. */
    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
    }

    private static boolean isAuthRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No more authentication methods") || m.contains("authentication methods available"))) return true;
        }
        return false;
    }

    private static String describe(Throwable e, String fallback) {
        if (e == null) return fallback;
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root instanceof ConnectException) return "connection refused";
        if (root instanceof NoRouteToHostException) return "no route to host";
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
