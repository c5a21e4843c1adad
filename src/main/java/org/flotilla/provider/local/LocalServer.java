package org.flotilla.provider.local;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The SSH servers of the local hosts. Each host is its own listening port on loopback with
 * its own host key and root directory; they share one MINA acceptor and its threads, so that
 * hundreds of hosts cost ports and memory, not hundreds of thread pools.
 */
final class LocalServer implements Closeable {
    /** A booted local host as its SSH server knows it. */
    record Machine(String hostId, int port, Path root, KeyPair key, VirtualFileSystemFactory files, Map<String, String> env) {
    }

    /** MINA's server, opened up so that ports can be bound and unbound one host at a time. */
    private static final class SharedServer extends SshServer {
        IoAcceptor ports() {
            return acceptor;
        }
    }

    private final SharedServer server;
    private final String address;
    private final Map<Integer, Machine> byPort = new ConcurrentHashMap<>();
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-host-io");
        t.setDaemon(true);
        return t;
    });

    private final CommandRunner runner;
    private final CloseableExecutorService sftpThreads = ThreadUtils.newCachedThreadPool("local-host-sftp");

    LocalServer(String address, String shell, PublicKey authorized) {
        this.address = address;
        // Before any socket of the hosts': the runner is the one process this JVM spawns for them.
        this.runner = CommandRunner.start();
        server = (SharedServer) ServerBuilder.builder().factory(SharedServer::new).build();
        server.setHost(address);
        server.setPort(0);
        server.setKeyPairProvider(new KeyPairProvider() {
            @Override
            public Iterable<KeyPair> loadKeys(SessionContext session) {
                Machine m = machineOf(session);
                return m == null ? List.of() : List.of(m.key());
            }
        });
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, authorized));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> {
            Machine m = require(channel.getServerSession());
            return new LocalShellCommand(shell, command, m.root(), m.env(), runner, pumps);
        });
        server.setShellFactory(channel -> {
            Machine m = require(channel.getServerSession());
            return new LocalShellCommand(shell, null, m.root(), m.env(), runner, pumps);
        });
        // One pool for every host's SFTP channels (MINA's default starts and ends a thread per channel).
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.setExecutorServiceProvider(() -> ThreadUtils.noClose(sftpThreads));
        server.setSubsystemFactories(List.of(sftp));
        // OpenSSH's sftp-server does not fsync a file it closes; MINA's does, by default. A thousand
        // hosts' uploads to one disk then waited on each other's syncs for seconds.
        server.getProperties().put(SftpFileSystemAccessor.PROP_AUTO_SYNC_FILE_ON_CLOSE, false);
        server.setFileSystemFactory(new org.apache.sshd.common.file.FileSystemFactory() {
            @Override
            public Path getUserHomeDir(SessionContext session) throws IOException {
                return require(session).files().getUserHomeDir(session);
            }

            @Override
            public FileSystem createFileSystem(SessionContext session) throws IOException {
                return require(session).files().createFileSystem(session);
            }
        });
        CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ZERO);
        CoreModuleProperties.NIO2_READ_TIMEOUT.set(server, Duration.ZERO);
        try {
            server.start();
            // start() binds one port of its own; hosts bind theirs as they boot.
            server.ports().unbind();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local hosts' SSH server on " + address, e);
        }
    }

    /** Starts listening for one host; returns its port. */
    synchronized Machine boot(String hostId, Path root, KeyPair key, Map<String, String> env) {
        Set<SocketAddress> before = new HashSet<>(server.ports().getBoundAddresses());
        try {
            server.ports().bind(new InetSocketAddress(address, 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + " for " + hostId, e);
        }
        Set<SocketAddress> after = new HashSet<>(server.ports().getBoundAddresses());
        after.removeAll(before);
        int port = ((InetSocketAddress) after.iterator().next()).getPort();
        Machine m = new Machine(hostId, port, root, key, new VirtualFileSystemFactory(root), env);
        byPort.put(port, m);
        return m;
    }

    /** Stops listening for one host and drops its sessions. */
    synchronized void halt(Machine m) {
        server.ports().unbind(new InetSocketAddress(address, m.port()));
        byPort.remove(m.port());
        cut(m);
    }

    /** Drops every connection to the host, as a network failure would; it keeps listening. */
    void cut(Machine m) {
        for (var session : server.getActiveSessions()) {
            if (portOf(session) == m.port()) session.close(true);
        }
    }

    /** Gives the host a new key, as a reinstalled machine would have (and, like it, none of the old one's connections). */
    void rekey(Machine m, KeyPair key) {
        byPort.put(m.port(), new Machine(m.hostId(), m.port(), m.root(), key, m.files(), m.env()));
        cut(m);
    }

    Machine machine(int port) {
        return byPort.get(port);
    }

    private Machine machineOf(SessionContext session) {
        return byPort.get(portOf(session));
    }

    private Machine require(SessionContext session) throws IOException {
        Machine m = machineOf(session);
        if (m == null) throw new IOException("this local host has been terminated");
        return m;
    }

    private static int portOf(SessionContext session) {
        SocketAddress local = session.getLocalAddress();
        return local instanceof InetSocketAddress inet ? inet.getPort() : -1;
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException ignored) {
            // stopping: nothing left to save
        }
        runner.close();
        pumps.shutdownNow();
        sftpThreads.shutdownNow();
    }
}
