package org.flotilla.provider.local;

import org.flotilla.config.ProviderKind;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.flotilla.config.LocalSettings;
import org.flotilla.config.RoleSpec;
import org.flotilla.fleet.Host;
import org.flotilla.provider.Provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Hosts on this machine: each a real SSH server on loopback with its own port, host key and
 * root directory under runs/&lt;id&gt;/local/&lt;host&gt;/, where its commands run. They live in
 * this process (the run's daemon) and die with it.
 */
public final class LocalProvider implements Provider {
    private final LocalSettings settings;
    private final Path localDir;
    private final String user;
    private final String runId;
    private final LocalServer server;
    private final ScheduledExecutorService boots = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "local-boot");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Map<String, Host> running = new ConcurrentHashMap<>();
    private final Map<String, LocalServer.Machine> machines = new ConcurrentHashMap<>();

    public LocalProvider(LocalSettings settings, Path localDir, String user, String runId, PublicKey authorized) {
        this.settings = settings;
        this.localDir = localDir;
        this.user = user;
        this.runId = runId;
        this.server = new LocalServer(settings.address(), settings.shell(), authorized);
    }

    @Override
    public void launch(RoleSpec role, int count, java.util.function.Consumer<List<Host>> named) {
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hosts.add(Host.named(role.name(), i, "local:" + Host.idOf(role.name(), i), user));
        }
        named.accept(hosts);
        for (Host host : hosts) {
            String id = host.id();
            long min = settings.bootDelayMin().toMillis();
            long max = settings.bootDelayMax().toMillis();
            long delay = max > min ? ThreadLocalRandom.current().nextLong(min, max + 1) : min;
            pending.put(id, boots.schedule(() -> boot(host), delay, TimeUnit.MILLISECONDS));
        }
    }

    private void boot(Host host) {
        try {
            // Absolute: MINA's rooted file system lists a relative root wrongly (readdir says "no such file").
            Path root = localDir.resolve(host.id()).toAbsolutePath();
            Files.createDirectories(root);
            Map<String, String> env = new HashMap<>();
            env.put("FLOTILLA_RUN", runId);
            env.put("FLOTILLA_HOST", host.id());
            env.put("FLOTILLA_ROLE", host.role());
            env.put("FLOTILLA_INDEX", Integer.toString(host.index()));
            LocalServer.Machine m = server.boot(host.id(), root, newHostKey(), env);
            machines.put(host.id(), m);
            running.put(host.id(), host.at(settings.address(), m.port()));
        } catch (IOException e) {
            throw new UncheckedIOException("local host " + host.id() + " could not boot", e);
        } finally {
            pending.remove(host.id());
        }
    }

    /** Ed25519: cheap to make at boot and to sign each key exchange with (see ClientKey). */
    private static KeyPair newHostKey() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Host> poll() {
        return List.copyOf(running.values());
    }

    @Override
    public List<PublicKey> hostKeys(Host host) {
        LocalServer.Machine m = machines.get(host.id());
        return m == null ? List.of() : List.of(server.machine(m.port()).key().getPublic());
    }

    @Override
    public Map<String, String> terminate(List<Host> hosts) {
        for (Host h : hosts) {
            ScheduledFuture<?> boot = pending.remove(h.id());
            if (boot != null) boot.cancel(false);
            LocalServer.Machine m = machines.remove(h.id());
            if (m != null) server.halt(m);
            running.remove(h.id());
        }
        HostProcesses.kill(runId, hosts.stream().map(Host::id).collect(java.util.stream.Collectors.toSet()));
        return Map.of();
    }

    /** The host gets a new host key, as a reinstalled or impersonated machine would (for tests and rehearsals). */
    public void rekey(String hostId) {
        LocalServer.Machine m = machines.get(hostId);
        if (m == null) throw new IllegalArgumentException("no running local host " + hostId);
        server.rekey(m, newHostKey());
    }

    /** Drops every SSH connection to the host, as a network failure would (for tests and rehearsals). */
    public void cut(String hostId) {
        LocalServer.Machine m = machines.get(hostId);
        if (m == null) throw new IllegalArgumentException("no running local host " + hostId);
        server.cut(m);
    }

    /** Ports the local hosts listen on now. */
    public List<Integer> listeningPorts() {
        return new ArrayList<>(machines.values().stream().map(LocalServer.Machine::port).toList());
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.LOCAL;
    }

    @Override
    public void close() {
        boots.shutdownNow();
        server.close();
        HostProcesses.kill(runId, null);
    }
}
