package org.flotilla.run;

import org.flotilla.config.ConfigSources;
import org.flotilla.config.Settings;
import org.flotilla.fleet.Fleet;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.JournalEvent;
import org.flotilla.fleet.JournalEvent.Window;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.logs.HostLogs;
import org.flotilla.logs.LogFetcher;
import org.flotilla.provider.Provider;
import org.flotilla.provider.Providers;
import org.flotilla.provision.CrontabRemoval;
import org.flotilla.provision.HostPush;
import org.flotilla.provision.ProvisionPipeline;
import org.flotilla.provision.Provisioner;
import org.flotilla.provision.Push;
import org.flotilla.schedule.TestRunner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A run's operations done in this process, over its {@link RunContext}: by `up` (and the daemon
 * it becomes), and by a command acting on a run whose daemon is gone. Passes over the fleet
 * (up, configure, push) take turns; `down` happens once, and a later call gets its answer.
 */
public final class InProcessRun implements RunControl {
    private final RunContext context;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Object passLock = new Object();
    private final Object downLock = new Object();
    private Runnable beforeDown = () -> { };
    private Downed downed;

    public InProcessRun(RunContext context) {
        this.context = context;
    }

    /** A new run, with the provider its settings name. */
    public static InProcessRun launch(Settings settings, Run run) {
        return new InProcessRun(RunContext.launch(settings, run, Providers::create));
    }

    public static InProcessRun launch(Settings settings, Run run, Providers.Factory providers) {
        return new InProcessRun(RunContext.launch(settings, run, providers));
    }

    /** @param needsKey false for `down`, which logs in nowhere */
    public static InProcessRun attach(Settings settings, Run run, boolean needsKey) {
        return new InProcessRun(RunContext.attach(settings, run, Providers::create, needsKey));
    }

    public RunContext context() {
        return context;
    }

    public Fleet fleet() {
        return context.fleet();
    }

    public Provider provider() {
        return context.provider();
    }

    @Override
    public Run run() {
        return context.run();
    }

    @Override
    public Settings settings() {
        return context.settings();
    }

    @Override
    public String via() {
        return "";
    }

    /** What has to stop before the fleet goes (the daemon's timers): runs once, at the first `down`. */
    public void beforeDown(Runnable r) {
        beforeDown = r;
    }

    /** Stops launching and configuring (Ctrl-C, `down`). */
    public void stop() {
        stop.set(true);
    }

    public boolean stopped() {
        return stop.get();
    }

    /**
     * Launches the fleet and configures every host as it comes up; with {@code configure} false,
     * only waits until every host runs (nothing connects to any host), and READY counts running hosts.
     */
    public Outcome up(boolean configure) throws InterruptedException {
        Outcome outcome;
        synchronized (passLock) {
            outcome = new ProvisionPipeline(settings(), fleet(), provider(), context.provisioner()).run(stop, configure);
        }
        List<String> report = provider().report();
        if (!report.isEmpty()) context.journal().append(new JournalEvent.ProviderReport(report));
        context.journal().append(new JournalEvent.Provisioned(outcome.ready(), outcome.failed().size(),
                settings().provision().minReady().required(outcome.total()), configure));
        return outcome;
    }

    @Override
    public Outcome configure() throws InterruptedException {
        synchronized (passLock) {
            Map<String, List<String>> byRole = new LinkedHashMap<>();
            List<Host> live = new ArrayList<>();
            for (Host h : fleet().hosts()) {
                if (fleet().state(h.id()) == HostState.TERMINATED || !h.hasAddress()) continue;
                byRole.computeIfAbsent(h.role(), r -> new ArrayList<>()).add(h.id());
                live.add(h);
            }
            context.journal().append(new JournalEvent.ConfigureStarted(live.size()));
            context.templates().reread(); // resources as they are now: what the user edited since `up`
            Provisioner.Pass pass = context.provisioner().pass(byRole);
            live.forEach(pass::reach);
            while (!pass.await(200, TimeUnit.MILLISECONDS)) {
                if (stop.get()) break;
            }
            return pass.outcome();
        }
    }

    @Override
    public List<HostPush> push(List<String> roles) throws InterruptedException {
        synchronized (passLock) {
            return new Push(settings(), fleet(), context.journal(), context.hosts(), context.configurer(), context.templates(), context.log()).to(roles);
        }
    }

    @Override
    public List<Window> runTest(String test, String pattern, List<String> sets, Consumer<String> say) throws InterruptedException {
        Settings with = sets.isEmpty() ? settings() : Settings.load(new ConfigSources(run().settingsFile(), sets, Map.of()));
        return new TestRunner(with, run().id(), context.start(), fleet(), context.hosts(), context.log(), context.journal(),
                context.templates(), sets.isEmpty() ? context.models() : context.models(with)).run(with.test(test), pattern, say);
    }

    @Override
    public List<HostLogs> fetchLogs(Set<String> roles, Path dir, Consumer<String> say) throws InterruptedException {
        List<Host> from = fleet().hosts().stream()
                .filter(h -> h.hasAddress() && fleet().state(h.id()) != HostState.TERMINATED)
                .filter(h -> roles == null || roles.contains(h.role()))
                .toList();
        if (from.isEmpty()) {
            say.accept("run " + run().id() + ": no running host to fetch logs from");
            return List.of();
        }
        say.accept("fetching logs of " + from.size() + " hosts into " + dir + " ...");
        return new LogFetcher(settings(), context.hosts(), context.log()).fetch(from, dir);
    }

    @Override
    public Downed down() throws InterruptedException {
        return down(null);
    }

    /**
     * Terminates every host of the run that is not terminated yet; {@code reason}, when given, goes
     * to the journal. Only the first call does the work; a later one (two `down`s at once, one
     * racing idle-stop) waits for it and gets its answer.
     */
    public Downed down(String reason) throws InterruptedException {
        synchronized (downLock) {
            if (downed != null) return new Downed(downed.failures(), List.of(), true);
            stop.set(true);
            beforeDown.run();
            List<Host> live = fleet().hosts().stream().filter(h -> fleet().state(h.id()) != HostState.TERMINATED).toList();
            if (live.isEmpty() && !fleet().hosts().isEmpty()) {
                downed = new Downed(Map.of(), List.of(), true);
                return downed;
            }
            if (provider().kind().releasesHosts()) new CrontabRemoval(settings(), run().id(), context.hosts(), context.log()).from(live);
            Map<String, String> failures = new LinkedHashMap<>(provider().terminate(live));
            for (Host h : live) {
                if (!failures.containsKey(h.id())) fleet().set(h, HostState.TERMINATED, null);
            }
            context.journal().append(new JournalEvent.Down(reason, live.size() - failures.size(), failures.size()));
            downed = new Downed(Map.copyOf(failures), provider().report(), false);
            return downed;
        }
    }

    public boolean isDown() {
        synchronized (downLock) {
            return downed != null;
        }
    }

    @Override
    public void close() {
        stop.set(true);
        context.close();
    }
}
