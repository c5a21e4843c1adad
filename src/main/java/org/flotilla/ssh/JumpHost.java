package org.flotilla.ssh;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.forward.TcpipClientChannel;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.flotilla.config.SshJump;
import org.flotilla.fleet.Host;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The jump host of ssh.jump. One session to it serves the whole run, held and reopened when it
 * closes (a session per host, as MINA's own ProxyJump opens, would be hundreds of logins on one
 * bastion and trip its MaxStartups). Each connection to a host is a local forwarding through it
 * (127.0.0.1, a port of the system's choice) to the host's address as the jump host sees it, so
 * the host key check, login and retries stay those of a direct connection. The jump host's own
 * key is checked like any host's: the run's records, then ssh.host-keys.
 */
final class JumpHost implements AutoCloseable {
    /** How the jump host appears in the journal's host-key pins and the run's known_hosts. */
    static final String ID = "ssh.jump";

    private final Host host;
    private final Connector direct;
    private CompletableFuture<ClientSession> session;
    /** Why the jump host last refused a connection onward, by "address:port": the forwarding itself only closes. */
    private final Map<String, String> refusals = new ConcurrentHashMap<>();

    /** @param direct connects without a jump: the jump host itself is reached straight */
    JumpHost(SshJump jump, Connector direct) {
        this.host = host(jump);
        this.direct = direct;
    }

    /** The jump host as the run's host keys know it: its pins and records are under {@link #ID}. */
    static Host host(SshJump jump) {
        return new Host(ID, ID, 0, null, jump.address(), jump.port(), jump.user(), null);
    }

    String endpoint() {
        return host.user() + "@" + host.endpoint();
    }

    /**
     * A forwarding to {@code target} through the jump host's session (opened first if need be);
     * the caller closes it with the connection it carries. The jump host's notes go to the log of
     * the host that needed it.
     */
    CompletableFuture<ExplicitPortForwardingTracker> forward(Host target, BiConsumer<Host, String> log) {
        return session(target, log).thenApply(s -> {
            try {
                return s.createLocalPortForwardingTracker(new SshdSocketAddress("127.0.0.1", 0),
                        new SshdSocketAddress(target.address(), target.port()));
            } catch (IOException | RuntimeException e) {
                throw new CompletionException(new SshFailure("cannot forward through jump host " + endpoint() + ": " + e.getMessage(), true, e));
            }
        });
    }

    /** Why the jump host last could not connect to {@code target}, or null; told once. */
    String refusal(Host target) {
        return refusals.remove(target.address() + ":" + target.port());
    }

    private synchronized CompletableFuture<ClientSession> session(Host target, BiConsumer<Host, String> log) {
        boolean usable = session != null && (!session.isDone()
                || (!session.isCompletedExceptionally() && session.join().isOpen() && !session.join().isClosing()));
        if (!usable) {
            BiConsumer<Host, String> notes = (h, note) -> log.accept(target, "jump host " + endpoint() + ": " + note);
            session = direct.connect(host, notes).whenComplete((s, error) -> {
                if (error != null) return;
                notes.accept(host, "logged in; connections to the hosts go through it");
                s.addChannelListener(new ChannelListener() {
                    // MINA keeps the server's reason to itself; that the jump host refused is what matters
                    @Override
                    public void channelStateChanged(Channel channel, String hint) {
                        if (channel instanceof TcpipClientChannel t && t.getTunnelExit() != null && "SSH_MSG_CHANNEL_OPEN_FAILURE".equals(hint)) {
                            refusals.put(t.getTunnelExit().getHostName() + ":" + t.getTunnelExit().getPort(), "it refused to open a connection "
                                    + "there (nothing listening, no route, or its AllowTcpForwarding / PermitOpen forbid it)");
                        }
                    }
                });
            });
        }
        return session;
    }

    @Override
    public synchronized void close() {
        if (session != null) session.thenAccept(s -> s.close(true));
    }
}
