package org.flotilla.daemon;

import org.flotilla.config.Settings;
import org.flotilla.fleet.Fleet;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Journal;
import org.flotilla.fleet.JournalEvent;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;
import org.flotilla.output.HostLog;
import org.flotilla.pki.RunPki;
import org.flotilla.provider.Provider;
import org.flotilla.provider.Providers;
import org.flotilla.provision.Configurer;
import org.flotilla.provision.HostPush;
import org.flotilla.provision.StepFailure;
import org.flotilla.provision.ProvisionPipeline;
import org.flotilla.provision.Provisioner;
import org.flotilla.provision.Watch;
import org.flotilla.render.TemplateModel;
import org.flotilla.render.Templates;
import org.flotilla.config.TestPlan;
import org.flotilla.schedule.Crontab;
import org.flotilla.ssh.ExecResult;
import org.flotilla.ssh.Login;
import org.flotilla.ssh.Remote;
import org.flotilla.ssh.ShellWords;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
    private final Templates templates;
    private final Login login;
    private final HostLog log;
    private final TemplateModel models;
    private final ScheduledExecutorService watching;
    private final Watch watch;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch downed = new CountDownLatch(1);
    private final Object passLock = new Object();
    private final Object downLock = new Object();
    private final Activity activity = new Activity(Instant.now(), "up");
    private final ScheduledExecutorService idleWatch;
    private ControlServer control;
    private List<String> upReport = List.of();
    private Map<String, String> downFailures = Map.of();

    private FleetDaemon(Settings settings, Run run, Instant start, Providers.Factory providers, boolean needsKey) {
        this.settings = settings;
        this.run = run;
        this.start = start;
        this.journal = new Journal(run.journal());
        this.fleet = new Fleet(journal);
        this.log = new HostLog(run);
        this.login = new Login(settings, run, needsKey);
        this.provider = providers.create(settings, run, login.authorized());
        // Before any host is configured (every host's templates see pki.ca); `down` configures none.
        RunPki pki = settings.needsPki() && needsKey ? RunPki.open(run.dir(), run.id()) : null;
        this.models = TemplateModel.of(settings, run, start, fleet::hosts, pki, log::write);
        this.templates = new Templates(settings.resourcesDir());
        Configurer configurer = new Configurer(settings, models, templates, log);
        this.provisioner = new Provisioner(settings, fleet, provider, login.hostKeys(), login.connector(), configurer, log);
        this.watch = new Watch(settings, fleet, provider, provisioner, log);
        this.watching = background("watch");
        this.idleWatch = background("idle-stop");
    }

    private static ScheduledExecutorService background(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
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
        d.journal.append(new JournalEvent.RunStarted(run.id(), settings.provider(), settings.hostCount(), ProcessHandle.current().pid()));
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

    public Fleet fleet() {
        return fleet;
    }

    public Provider provider() {
        return provider;
    }

    public Settings settings() {
        return settings;
    }

    /** Launches the fleet and configures every host as it comes up. */
    public Outcome up() throws InterruptedException {
        return up(true);
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
            activity.touch(configure ? "up" : "up --no-configure", Instant.now());
            Duration idleStop = settings.provision().idleStop();
            if (!idleStop.isZero()) {
                // A tenth of the idle time, within reason: the fleet outlives its idle time by at most that much.
                long look = Math.max(100, Math.min(10_000, idleStop.toMillis() / 10));
                idleWatch.scheduleWithFixedDelay(() -> stopIfIdle(idleStop), look, look, TimeUnit.MILLISECONDS);
            }
        }
        upReport = provider.report();
        if (!upReport.isEmpty()) journal.append(new JournalEvent.ProviderReport(upReport));
        journal.append(new JournalEvent.Provisioned(outcome.ready(), outcome.failed().size(),
                settings.provision().minReady().required(outcome.total()), configure));
        return outcome;
    }

    /**
     * Lets a look in progress finish (it may be launching a replacement, which the journal must
     * hold before `down` looks).
     */
    private void stopWatching() {
        watching.shutdown();
        try {
            if (!watching.awaitTermination(2, TimeUnit.MINUTES)) journal.append(new JournalEvent.WatchFailed("still busy at down"));
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
            journal.append(new JournalEvent.WatchFailed(String.valueOf(e.getMessage())));
        }
    }

    private void stopIfIdle(Duration idleStop) {
        if (stop.get()) return;
        Optional<Duration> idle = activity.idle(Instant.now());
        if (idle.isEmpty() || idle.get().compareTo(idleStop) < 0) return;
        down("idle for " + IdleTime.of(idleStop) + ": no test and no command since " + activity.lastTouch());
    }

    /** The daemon's own work with the fleet (the tests of `flotilla test`): the fleet is not idle until it is closed. */
    public Busy busy(String what) {
        return activity.busy(what, Instant.now())::run;
    }

    /** Work that keeps the fleet from being idle while it lasts. */
    public interface Busy extends AutoCloseable {
        @Override
        void close();
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
            journal.append(new JournalEvent.ConfigureStarted(hosts.size()));
            templates.reread(); // resources as they are now: what the user edited since `up`
            Provisioner.Pass pass = provisioner.pass(byRole);
            hosts.forEach(pass::reach);
            while (!pass.await(200, TimeUnit.MILLISECONDS)) {
                if (stop.get()) break;
            }
            return pass.outcome();
        }
    }

    /**
     * Pushes the resources of these roles, as resources-dir holds them now, to their READY hosts:
     * only files whose bytes changed are uploaded, then the role's reload steps run where any did.
     * One result per host of the roles, READY or not (a host that is not READY is left alone).
     */
    public List<HostPush> push(List<String> roles) throws InterruptedException {
        synchronized (passLock) {
            // A fresh read of resources-dir: the daemon's own templates keep what they read at `up`.
            Configurer configurer = new Configurer(settings, models, new Templates(settings.resourcesDir()), log);
            List<Host> hosts = fleet.hosts().stream().filter(h -> roles.contains(h.role())).toList();
            journal.append(new JournalEvent.PushStarted(roles, hosts.size()));
            java.util.concurrent.ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, Math.min(hosts.size(), settings.provision().configurers())));
            try {
                List<CompletableFuture<HostPush>> pushes = new ArrayList<>();
                for (Host h : hosts) {
                    HostState state = fleet.state(h.id());
                    if (state != HostState.READY || !h.hasAddress()) {
                        pushes.add(CompletableFuture.completedFuture(failedPush(h, "not pushed: the host is " + state)));
                        continue;
                    }
                    login.hostKeys().pin(h, provider.hostKeys(h));
                    // Off the SSH client's I/O threads: a blocking exec there would wait on itself.
                    pushes.add(login.connector().connect(h, log::write).thenApplyAsync(session -> {
                        try (Remote remote = new Remote(session, settings.ssh().commandTimeout())) {
                            return configurer.push(h, remote);
                        } catch (StepFailure e) {
                            log.write(h, "push FAILED: " + e.getMessage());
                            return failedPush(h, e.getMessage());
                        }
                    }, workers).exceptionally(e -> failedPush(h, (e.getCause() != null ? e.getCause() : e).getMessage())));
                }
                List<HostPush> results = new ArrayList<>();
                for (CompletableFuture<HostPush> p : pushes) {
                    try {
                        results.add(p.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException(e.getCause());
                    }
                }
                journal.append(new JournalEvent.Pushed(results.stream().mapToInt(r -> r.uploaded().size()).sum(),
                        (int) results.stream().filter(HostPush::reloaded).count(),
                        results.stream().filter(r -> r.error() != null).map(HostPush::host).toList()));
                return results;
            } finally {
                workers.shutdownNow();
            }
        }
    }

    private static HostPush failedPush(Host h, String why) {
        return new HostPush(h.id(), h.role(), List.of(), List.of(), false, why);
    }

    /** Terminates every host of the run; returns those the provider could not terminate, and why. */
    public Map<String, String> down() {
        return down(null).failures();
    }

    /** What a `down` found: the hosts that could not be terminated; already, when an earlier `down` did the work. */
    private record Downed(Map<String, String> failures, boolean already) {
    }

    /**
     * As {@link #down()}; {@code reason}, when given, goes to the journal's "down" event. Only the
     * first call terminates and journals; a later one (two `down`s at once, or one racing idle-stop)
     * waits for it and gets its answer.
     */
    private Downed down(String reason) {
        synchronized (downLock) {
            if (isDown()) return new Downed(downFailures, true);
            stop.set(true);
            idleWatch.shutdown(); // not awaited: idle-stop itself may be the caller
            stopWatching();
            List<Host> live = fleet.hosts().stream().filter(h -> fleet.state(h.id()) != HostState.TERMINATED).toList();
            if (provider.kind().releasesHosts()) removeCrontabs(live);
            Map<String, String> failures = new LinkedHashMap<>(provider.terminate(live));
            for (Host h : live) {
                if (!failures.containsKey(h.id())) fleet.set(h, HostState.TERMINATED, null);
            }
            journal.append(new JournalEvent.Down(reason, live.size() - failures.size(), failures.size()));
            downFailures = Map.copyOf(failures);
            downed.countDown();
            return new Downed(failures, false);
        }
    }

    /** Hosts that go on living after the run lose its crontab (best effort: a host that does not answer keeps it, and says so). */
    private void removeCrontabs(List<Host> live) {
        Set<String> cronRoles = settings.tests().stream().filter(t -> t.start() == TestPlan.TestStart.CRON)
                .flatMap(t -> t.roles().stream()).collect(Collectors.toSet());
        String dir = settings.cron().dir();
        String file = (dir.endsWith("/") ? dir : dir + "/") + Crontab.fileName(run.id());
        List<CompletableFuture<Void>> removals = new ArrayList<>();
        // Off the SSH client's I/O threads: a blocking exec there would wait on itself.
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (Host h : live) {
            if (!cronRoles.contains(h.role()) || !h.hasAddress()) continue;
            removals.add(login.connector().connect(h, log::write).thenAcceptAsync(session -> {
                try (Remote remote = new Remote(session, Duration.ofSeconds(30))) {
                    var recipe = settings.role(h.role()).recipe();
                    String rm = "rm -f " + ShellWords.quote(file);
                    ExecResult r = remote.exec(recipe.become() ? new org.flotilla.ssh.Become(recipe.becomeUser()).wrapUnlessRoot(rm) : rm);
                    log.write(h, r.ok() ? "removed " + file : "could not remove " + file + ": " + r.lastWords());
                } catch (IOException e) {
                    log.write(h, "could not remove " + file + ": " + e.getMessage());
                }
            }, workers).exceptionally(e -> {
                log.write(h, "could not remove " + file + ": " + e.getMessage());
                return null;
            }));
        }
        try {
            CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // each host's log says what became of its crontab
        } finally {
            workers.shutdownNow();
        }
    }

    /** Opens the control address and writes daemon.json, so other processes can reach this daemon. */
    public void serve() {
        Map<String, ControlServer.Action> actions = new LinkedHashMap<>();
        actions.put("ping", p -> Map.of("run", run.id()));
        actions.put("touch", p -> {
            long pid;
            try {
                pid = Long.parseLong(p.getOrDefault("pid", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("touch needs pid=N (the process of the command), got '" + p.get("pid") + "'");
            }
            activity.touch(p.getOrDefault("command", "a command"), pid, Instant.now());
            return Map.of("run", run.id(), "idle-stop", settings.provision().idleStop().toString());
        });
        actions.put("configure", p -> {
            try (Busy busy = busy("configure")) {
                Outcome o = configure();
                return Map.of("total", o.total(), "ready", o.ready(), "failed", o.failed(),
                        "required", settings.provision().minReady().required(o.total()));
            }
        });
        actions.put("push", p -> {
            try (Busy busy = busy("push")) {
                List<String> roles = java.util.Arrays.stream(p.getOrDefault("roles", "").split(",")).filter(r -> !r.isBlank()).toList();
                return Map.of("hosts", push(roles));
            }
        });
        actions.put("down", p -> {
            Downed d = down(null);
            return Map.of("failed", d.failures(), "report", d.already() ? List.of() : provider.report(), "already", d.already());
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
        // Both the signal hook and the main thread close: only the first does the work.
        if (!closed.compareAndSet(false, true)) return;
        stop.set(true);
        if (control != null) {
            DaemonInfo.remove(run);
            control.close();
        }
        idleWatch.shutdownNow();
        stopWatching();
        provisioner.close();
        provider.close();
        login.close();
        journal.close();
    }
}
