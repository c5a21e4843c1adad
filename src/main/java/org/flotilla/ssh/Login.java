package org.flotilla.ssh;

import org.flotilla.config.Settings;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.Run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How this process logs in to a run's hosts: which key (the run's own for local and lab hosts, else
 * ssh.key or the user's default, or a fixed host's own), which host keys are trusted (the
 * run's known_hosts first), and the connector that retries while hosts boot. The daemon and
 * every command acting on a run from another process share it, so they trust the same keys.
 */
public final class Login implements AutoCloseable {
    private final Supplier<KeyPair> runKey;
    private final Supplier<KeyPair> clientKey;
    private final boolean hostsTakeRunKey;
    private final HostKeys hostKeys;
    private final Supplier<Connector> connector;
    private volatile JumpHost jump;
    private final ScheduledExecutorService timer;

    public Login(Settings settings, Run run) {
        this(settings, run, true, Optional::empty);
    }

    /**
     * An explicit ssh.key is what the user chose, so it wins; without one, a provider that
     * starts its hosts lets the run make its own key and authorize it there (it opens those
     * hosts only, and dies with the run), and hosts Flotilla did not start take the user's default.
     *
     * @param needsKey false for `down` of a run whose daemon is gone: terminating needs no SSH key
     * @param providerJump the provider's own jump host (the lab's), asked at the first connection,
     *                     when the provider has started it; ssh.jump, which the lab refuses, wins
     */
    public Login(Settings settings, Run run, boolean needsKey, Supplier<Optional<ProvidedJump>> providerJump) {
        String passphraseEnv = settings.ssh().keyPassphraseEnv();
        Optional<Path> configured = settings.ssh().key();
        runKey = settings.providerKind().runMakesLoginKey() ? once(() -> runKey(run)) : null;
        hostsTakeRunKey = settings.providerKind().hostsAcceptOnlyTheRunKey();
        clientKey = once(() -> configured.isPresent() || runKey == null
                ? ClientKey.load(ClientKey.forLogin(configured), passphraseEnv)
                : runKey.get());
        if (needsKey) clientKey.get();
        Map<Path, KeyPair> ownKeys = new ConcurrentHashMap<>();
        timer = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "ssh-retry");
            t.setDaemon(true);
            return t;
        });
        hostKeys = new HostKeys(run.knownHosts(), settings.ssh().hostKeys(), settings.ssh().knownHosts(), run.journal(),
                w -> System.err.println("flotilla: warning: " + w));
        Function<Host, KeyPair> keys = h -> h.key() == null ? clientKey.get() : ownKeys.computeIfAbsent(h.key(), k -> ClientKey.load(k, passphraseEnv));
        connector = once(() -> {
            Optional<ProvidedJump> through = settings.ssh().jump().map(j -> new ProvidedJump(j, List.of())).or(providerJump);
            through.ifPresent(j -> {
                hostKeys.pin(JumpHost.host(j.endpoint()), j.hostKeys());
                jump = new JumpHost(j.endpoint(), new Connector(Ssh.client(), hostKeys, keys, Connector.Timeouts.of(settings.ssh()), timer));
            });
            return new Connector(Ssh.client(), hostKeys, keys, Connector.Timeouts.of(settings.ssh()), timer, jump);
        });
    }

    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) value = make.get();
                return value;
            }
        };
    }

    /** The run's own key pair: made at `up`, kept under runs/&lt;id&gt;/ssh/, where later commands on the run find it. */
    private static KeyPair runKey(Run run) {
        Path file = run.dir().resolve("ssh").resolve("id_ed25519");
        if (Files.isRegularFile(file)) return ClientKey.load(file, "FLOTILLA_NO_PASSPHRASE");
        return ClientKey.generate(file, "flotilla-" + run.id());
    }

    /**
     * The public key hosts the provider starts are to accept: the run's own for local hosts,
     * else the login key (EC2's user-data authorizes it, a key pair imports it). Asked for only
     * by providers that start hosts.
     */
    public Supplier<PublicKey> authorized() {
        return hostsTakeRunKey ? () -> runKey.get().getPublic() : () -> clientKey.get().getPublic();
    }

    public HostKeys hostKeys() {
        return hostKeys;
    }

    /** The scheduler this process's SSH work keeps its clocks on (retries, per-host deadlines). */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /**
     * Made at the first connection, when the provider's jump host (if it runs one) is known; a
     * provider that cannot tell where its jump host is makes this throw, and a later call ask again.
     */
    public Connector connector() {
        return connector.get();
    }

    @Override
    public void close() {
        JumpHost j = jump;
        if (j != null) j.close();
        timer.shutdownNow();
        hostKeys.close();
    }
}
