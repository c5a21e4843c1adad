package org.flotilla.daemon;

import org.flotilla.config.Settings;
import org.flotilla.fleet.Fleet;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Journal;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;
import org.flotilla.output.HostLog;
import org.flotilla.provider.Provider;
import org.flotilla.provider.Providers;
import org.flotilla.provision.Configurer;
import org.flotilla.provision.Outcome;
import org.flotilla.provision.ProvisionPipeline;
import org.flotilla.provision.Provisioner;
import org.flotilla.provision.Watch;
import org.flotilla.render.Templates;
import org.flotilla.ssh.ClientKey;
import org.flotilla.ssh.Connector;
import org.flotilla.ssh.HostKeys;
import org.flotilla.ssh.Ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Everything a run needs while its fleet lives: journal, fleet, provider, SSH, recipes.
 * `up` makes one and holds it until `down`; `configure`/`down` make one from the journal
 * when the run's daemon is gone.
 */
public final class FleetDaemon implements AutoCloseable {
    private final Settings settings;
    private final Run run;
    private final Instant start;
    private final Journal journal;
    private final Fleet fleet;
    private final Provider provider;
    private final Provisioner provisioner;
    private final ScheduledExecutorService timer;
    private final ScheduledExecutorService watching;
    private final Watch watch;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch downed = new CountDownLatch(1);
    private final Object passLock = new Object();
    private ControlServer control;
    private List<String> upReport = List.of();

    private FleetDaemon(Settings settings, Run run, Instant start, Providers.Factory providers, boolean needsKey) {
        this.settings = settings;
        this.run = run;
        this.start = start;
        this.journal = new Journal(run.journal());
        this.fleet = new Fleet(journal);
        HostLog log = new HostLog(run);
        Supplier<KeyPair> clientKey;
        PublicKey runPublic = null;
        if (settings.provider().equals("local")) {
            KeyPair runKey = runKey(run);
            runPublic = runKey.getPublic();
            clientKey = once(() -> settings.ssh().key().map(k -> ClientKey.load(k, settings.ssh().keyPassphraseEnv())).orElse(runKey));
        } else {
            clientKey = once(() -> {
                Path key = settings.ssh().key().or(ClientKey::userDefault).orElseThrow(() -> new IllegalArgumentException(
                        "ssh.key: no private key configured and none of ~/.ssh/id_ed25519, id_ecdsa, id_rsa exists"));
                return ClientKey.load(key, settings.ssh().keyPassphraseEnv());
            });
        }
        // `down` needs no key: a run whose key is gone can still be terminated.
        if (needsKey) clientKey.get();
        PublicKey localHostsAccept = runPublic;
        this.provider = providers.create(settings, run, localHostsAccept != null ? () -> localHostsAccept : () -> clientKey.get().getPublic());
        Map<Path, KeyPair> hostKeysFiles = new ConcurrentHashMap<>();
        this.timer = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "ssh-retry");
            t.setDaemon(true);
            return t;
        });
        HostKeys hostKeys = new HostKeys(run.knownHosts(), settings.ssh().hostKeys(), settings.ssh().knownHosts());
        Connector connector = new Connector(Ssh.client(), hostKeys,
                h -> h.key() == null ? clientKey.get() : hostKeysFiles.computeIfAbsent(h.key(), k -> ClientKey.load(k, settings.ssh().keyPassphraseEnv())),
                settings.ssh().connectTimeout(), settings.ssh().attemptTimeout(), timer);
        Configurer configurer = new Configurer(settings, run.id(), start, fleet, new Templates(settings.resourcesDir()), log);
        this.provisioner = new Provisioner(settings, fleet, provider, hostKeys, connector, configurer, log);
        this.watch = new Watch(settings, fleet, provider, provisioner, log);
        this.watching = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** A new run: writes its settings and the journal's first line. */
    public static FleetDaemon launch(Settings settings, Run run) {
        return launch(settings, run, Providers::create);
    }

    /** A new run whose provider {@code providers} makes. */
    public static FleetDaemon launch(Settings settings, Run run, Providers.Factory providers) {
        try {
            Files.writeString(run.settingsFile(), settings.rendered());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.settingsFile(), e);
        }
        Instant start = Instant.now();
        FleetDaemon d = new FleetDaemon(settings, run, start, providers, true);
        d.journal.append("run", Map.of("run", run.id(), "provider", settings.provider(), "hosts", settings.hostCount(),
                "pid", ProcessHandle.current().pid()));
        return d;
    }

    /** An existing run whose daemon is gone: the fleet as the journal tells it. */
    public static FleetDaemon attach(Settings settings, Run run) {
        return attach(settings, run, Providers::create, true);
    }

    /** An existing run whose daemon is gone, to terminate it: needs no SSH key. */
    public static FleetDaemon attachForDown(Settings settings, Run run) {
        return attach(settings, run, Providers::create, false);
    }

    private static FleetDaemon attach(Settings settings, Run run, Providers.Factory providers, boolean needsKey) {
        RunStatus status = RunStatus.read(run);
        FleetDaemon d = new FleetDaemon(settings, run, status.start() == null ? Instant.now() : status.start(), providers, needsKey);
        for (RunStatus.HostStatus h : status.hosts()) d.fleet.adopt(h.host(), h.state(), h.error());
        return d;
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

    private static KeyPair runKey(Run run) {
        Path file = run.dir().resolve("ssh").resolve("id_ecdsa");
        if (Files.isRegularFile(file)) return ClientKey.load(file, "FLOTILLA_NO_PASSPHRASE");
        return ClientKey.generate(file, "flotilla-" + run.id());
    }

    public Fleet fleet() {
        return fleet;
    }

    public Provider provider() {
        return provider;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Launches the fleet and configures every host as it comes up; with {@code configure} false,
     * only waits until every host runs (nothing connects to any host), and READY counts running hosts.
     */
    public Outcome up(boolean configure) throws InterruptedException {
        Outcome outcome;
        synchronized (passLock) {
            outcome = new ProvisionPipeline(settings, fleet, provider, provisioner).run(stop, configure);
        }
        if (!stop.get()) {
            long every = settings.provision().watchInterval().toMillis();
            watching.scheduleWithFixedDelay(this::watchOnce, every, every, TimeUnit.MILLISECONDS);
        }
        upReport = provider.report();
        if (!upReport.isEmpty()) journal.append("report", Map.of("lines", upReport));
        journal.append("provisioned", Map.of("ready", outcome.ready(), "failed", outcome.failed().size(),
                "required", settings.provision().minReady().required(outcome.total()), "configured", configure));
        return outcome;
    }

    /**
     * Lets a look in progress finish (it may be launching a replacement, which the journal must
     * hold before `down` looks): an interrupt would also close the journal's file channel under it.
     */
    private void stopWatching() {
        watching.shutdown();
        try {
            if (!watching.awaitTermination(2, TimeUnit.MINUTES)) journal.append("watch", Map.of("error", "still busy at down"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void watchOnce() {
        if (stop.get()) return;
        try {
            watch.check();
        } catch (RuntimeException e) {
            // a failed look (API down for a moment) is retried at the next interval
            journal.append("watch", Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    /** What the provider had to say at the end of `up` (e.g. API calls made). */
    public List<String> upReport() {
        return upReport;
    }

    /** Pushes resources and setup steps again to every host of the run that is not terminated. */
    public Outcome configure() throws InterruptedException {
        synchronized (passLock) {
            Map<String, List<String>> byRole = new LinkedHashMap<>();
            List<Host> hosts = new ArrayList<>();
            for (Host h : fleet.hosts()) {
                if (fleet.state(h.id()) == HostState.TERMINATED || !h.hasAddress()) continue;
                byRole.computeIfAbsent(h.role(), r -> new ArrayList<>()).add(h.id());
                hosts.add(h);
            }
            journal.append("configure", Map.of("hosts", hosts.size()));
            Provisioner.Pass pass = provisioner.pass(byRole);
            hosts.forEach(pass::reach);
            while (!pass.await(200, TimeUnit.MILLISECONDS)) {
                if (stop.get()) break;
            }
            return pass.outcome();
        }
    }

    /** Terminates every host of the run; returns those the provider could not terminate, and why. */
    public Map<String, String> down() {
        stop.set(true);
        stopWatching();
        List<Host> live = fleet.hosts().stream().filter(h -> fleet.state(h.id()) != HostState.TERMINATED).toList();
        Map<String, String> failures = new LinkedHashMap<>(provider.terminate(live));
        for (Host h : live) {
            if (!failures.containsKey(h.id())) fleet.set(h, HostState.TERMINATED, null);
        }
        journal.append("down", Map.of("terminated", live.size() - failures.size(), "failed", failures.size()));
        downed.countDown();
        return failures;
    }

    /** Opens the control address and writes daemon.json, so other processes can reach this daemon. */
    public void serve() {
        Map<String, java.util.concurrent.Callable<Object>> actions = new LinkedHashMap<>();
        actions.put("ping", () -> Map.of("run", run.id()));
        actions.put("configure", () -> {
            Outcome o = configure();
            return Map.of("total", o.total(), "ready", o.ready(), "failed", o.failed(),
                    "required", settings.provision().minReady().required(o.total()));
        });
        actions.put("down", () -> {
            Map<String, String> failures = down();
            return Map.of("failed", failures, "report", provider.report());
        });
        control = new ControlServer(actions);
        new DaemonInfo(ProcessHandle.current().pid(), control.port(), control.token()).write(run);
    }

    /** Blocks until `down`. */
    public void awaitDown() throws InterruptedException {
        downed.await();
    }

    public boolean isDown() {
        return downed.getCount() == 0;
    }

    /** Stops launching and configuring (Ctrl-C). */
    public void stop() {
        stop.set(true);
    }

    @Override
    public void close() {
        stop.set(true);
        if (control != null) {
            DaemonInfo.remove(run);
            control.close();
        }
        stopWatching();
        provisioner.close();
        provider.close();
        timer.shutdownNow();
        journal.close();
    }
}
