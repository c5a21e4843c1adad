package org.flotilla.schedule;

import org.apache.sshd.client.session.ClientSession;
import org.flotilla.config.ProviderKind;
import org.flotilla.config.Settings;
import org.flotilla.config.TestPlan;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Journal;
import org.flotilla.fleet.JournalEvent.Window;
import org.flotilla.fleet.Fleet;
import org.flotilla.output.HostLog;
import org.flotilla.render.ModelFailure;
import org.flotilla.render.RenderFailure;
import org.flotilla.render.TemplateModel;
import org.flotilla.render.Templates;
import org.flotilla.ssh.ExecResult;
import org.flotilla.ssh.OnEachHost;
import org.flotilla.ssh.Remote;
import org.flotilla.ssh.ShellWords;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a test plan on the READY hosts of its roles: opens a session to every host first, then
 * for each pattern in order fires the command everywhere at once, waits for it, and journals
 * every host's window. A host that fails is that host's: the others go on.
 */
public final class TestRunner {
    private final Settings settings;
    private final String runId;
    private final Instant runStart;
    private final Fleet fleet;
    private final OnEachHost hosts;
    private final HostLog log;
    private final Journal journal;
    private final Templates templates;
    private final TemplateModel models;

    /** @param models what the run's templates see: a fired command sees what a cron-started one does */
    public TestRunner(Settings settings, String runId, Instant runStart, Fleet fleet, OnEachHost hosts, HostLog log, Journal journal,
                      Templates templates, TemplateModel models) {
        this.settings = settings;
        this.runId = runId;
        this.runStart = runStart;
        this.fleet = fleet;
        this.hosts = hosts;
        this.log = log;
        this.journal = journal;
        this.templates = templates;
        this.models = models;
    }

    /** Refuses, before any host is touched, a test this run cannot start or a pattern the test does not have. */
    public static void check(TestPlan test, String pattern, ProviderKind kind) {
        if (test.start() == TestPlan.TestStart.CRON && !kind.hostsRunCron()) {
            throw new IllegalArgumentException("test '" + test.name() + "' starts by cron, and local hosts have no cron daemon: "
                    + "its crontab is installed under each host's root (cron.dir) to be looked at, but nothing runs it; "
                    + "use start = fire to rehearse it locally");
        }
        if (pattern != null && !test.runs().contains(pattern)) {
            throw new IllegalArgumentException("test '" + test.name() + "' has no pattern '" + pattern + "' (patterns: "
                    + (test.patterns().isEmpty() ? "none" : String.join(", ", test.patterns())) + ")");
        }
    }

    /** Every window of the run of this test; {@code pattern} null runs all its patterns in order. */
    public List<Window> run(TestPlan test, String pattern, Consumer<String> say) throws InterruptedException {
        check(test, pattern, settings.providerKind());
        List<String> patterns = pattern == null ? test.runs() : List.of(pattern);
        List<Host> testers = fleet.hosts().stream()
                .filter(h -> test.roles().contains(h.role()) && fleet.state(h.id()) == HostState.READY).toList();
        if (testers.isEmpty()) {
            throw new IllegalArgumentException("no READY host of role " + String.join(", ", test.roles()) + " in run " + runId);
        }
        Map<Host, ClientSession> sessions = new LinkedHashMap<>();
        Map<Host, String> unreachable = new LinkedHashMap<>();
        hosts.openAll(testers, settings.ssh().connectTimeout().plusSeconds(5)).forEach((h, r) -> {
            if (r.ok()) sessions.put(h, r.value());
            else unreachable.put(h, r.failure());
        });
        List<Window> windows = new ArrayList<>();
        if (test.start() == TestPlan.TestStart.CRON) {
            windows.addAll(collectCron(test, patterns, sessions, unreachable, say));
        } else {
            for (String p : patterns) windows.addAll(fire(test, p, sessions, unreachable, say));
        }
        return windows;
    }

    private List<Window> fire(TestPlan test, String pattern, Map<Host, ClientSession> sessions,
                              Map<Host, String> unreachable, Consumer<String> say) throws InterruptedException {
        String label = test.name() + (pattern == null ? "" : " [" + pattern + "]");
        List<Window> windows = new ArrayList<>();
        List<Fire.Shot> shots = new ArrayList<>();
        unreachable.forEach((h, why) -> windows.add(failedWindow(h, test, pattern, why)));
        for (var e : sessions.entrySet()) {
            Host h = e.getKey();
            try {
                String command = templates.renderInline("tests." + test.name() + ".command", test.command(), models.forTest(h, test, pattern));
                var recipe = settings.role(h.role()).recipe();
                // a role with become runs its tests through sudo too, unless the test says otherwise
                // (not on local hosts, which run as this user)
                if (test.becomes(recipe.become()) && !settings.providerKind().hostsAreThisMachine()) {
                    command = new org.flotilla.ssh.Become(recipe.becomeUser()).wrapUnlessRoot(command);
                }
                shots.add(new Fire.Shot(h, e.getValue(), command));
            } catch (RenderFailure f) {
                windows.add(failedWindow(h, test, pattern, "template " + f.getMessage()));
            } catch (ModelFailure f) {
                windows.add(failedWindow(h, test, pattern, f.getMessage()));
            }
        }
        say.accept(label + ": starting on " + shots.size() + " hosts at once");
        Duration limit = test.duration().plus(test.grace());
        Fire.Fired fired = Fire.run(shots, limit, settings.ssh().attemptTimeout());
        List<Fire.Result> results = fired.results();
        Instant first = null;
        Instant last = null;
        Duration longest = Duration.ZERO;
        for (Fire.Result r : results) {
            Window w = new Window(r.host().id(), r.host().role(), test.name(), pattern, r.start(), r.end(), r.exit(),
                    r.error() != null ? r.error() : r.exit() != 0 ? "exited " + r.exit() + lastWords(r) : null,
                    r.clockOffset() == null ? null : r.clockOffset().toNanos() / 1e6);
            windows.add(w);
            if (r.start() != null) {
                first = first == null || r.start().isBefore(first) ? r.start() : first;
                last = last == null || r.start().isAfter(last) ? r.start() : last;
                if (r.end() != null && Duration.between(r.start(), r.end()).compareTo(longest) > 0) longest = Duration.between(r.start(), r.end());
            }
            log.write(r.host(), "test " + label + ": " + (r.start() == null ? "did not start" : "started " + r.start() + ", ended " + r.end())
                    + ", exit " + r.exit() + (w.error() == null ? "" : " (" + w.error() + ")")
                    + (r.stdout().isEmpty() ? "" : "\n--- stdout\n" + r.stdout().stripTrailing())
                    + (r.stderr().isBlank() ? "" : "\n--- stderr\n" + r.stderr().stripTrailing()));
        }
        journal.appendAll(windows);
        long ok = windows.stream().filter(Window::ok).count();
        String spread = first == null ? "no host started" : String.format("start spread %.1f ms (start instant sent to all in %.1f ms;"
                + " host clocks read at most %.1f ms off ours)", Duration.between(first, last).toNanos() / 1e6, fired.release().toNanos() / 1e6,
                fired.maxOffset().toNanos() / 1e6);
        say.accept(String.format("%s: %d of %d hosts ok, %s, longest run %.1f s", label, ok, windows.size(), spread, longest.toMillis() / 1000.0));
        windows.stream().filter(w -> !w.ok()).forEach(w -> say.accept("  " + w.host() + "  FAILED  " + w.error()));
        return windows;
    }

    /**
     * A cron test runs by itself on the hosts; this waits for its last pattern to be over and
     * journals the windows the crontab's entries recorded on each host.
     */
    private List<Window> collectCron(TestPlan test, List<String> patterns, Map<Host, ClientSession> sessions,
                                     Map<Host, String> unreachable, Consumer<String> say) throws InterruptedException {
        List<Instant> starts = Crontab.starts(test, runStart);
        List<String> all = test.runs();
        Instant over = starts.get(starts.size() - 1).plus(test.duration()).plus(test.grace()).plusSeconds(90);
        say.accept(test.name() + ": started by cron on " + sessions.size() + " hosts at " + starts.get(0)
                + " (UTC); waiting until " + over + " at the latest");
        List<Window> windows = new ArrayList<>();
        for (String p : patterns) {
            Instant at = starts.get(all.indexOf(p));
            unreachable.forEach((h, why) -> windows.add(failedWindow(h, test, p, why)));
            for (var e : sessions.entrySet()) {
                windows.add(cronWindow(e.getKey(), e.getValue(), test, p, at, over));
            }
        }
        journal.appendAll(windows);
        long ok = windows.stream().filter(Window::ok).count();
        say.accept(String.format("%s: %d of %d host runs ok", test.name(), ok, windows.size()));
        windows.stream().filter(w -> !w.ok()).forEach(w -> say.accept("  " + w.host() + "  FAILED  " + w.error()));
        return windows;
    }

    private Window cronWindow(Host h, ClientSession session, TestPlan test, String pattern, Instant at, Instant over) throws InterruptedException {
        String file = Crontab.windowFile(test, pattern);
        // Not closed here: the session is held for the run (HeldSessions).
        Remote remote = new Remote(session, settings.ssh().commandTimeout());
        try {
            while (true) {
                ExecResult r = remote.exec("cat " + ShellWords.quote(file) + " 2>/dev/null");
                String[] parts = r.stdout().strip().split("\\s+");
                if (r.ok() && parts.length == 3) {
                    int exit = Integer.parseInt(parts[2]);
                    Window w = new Window(h.id(), h.role(), test.name(), pattern, HostOutput.instant(parts[0]), HostOutput.instant(parts[1]),
                            exit, exit == 0 ? null : "exited " + exit + " (output: " + file + ".out)");
                    log.write(h, "cron test " + test.name() + (pattern == null ? "" : " [" + pattern + "]") + ": ran " + w.start() + " to " + w.end() + ", exit " + exit);
                    return w;
                }
                if (Instant.now().isAfter(over)) {
                    return failedWindow(h, test, pattern, "no window recorded by cron (" + file + ") by " + over + ": did cron run it?");
                }
                // Waiting on the host's clock and cron: nothing to observe before the entry's minute.
                Thread.sleep(Instant.now().isBefore(at) ? Math.min(10_000, Math.max(100, Duration.between(Instant.now(), at).toMillis())) : 2_000);
            }
        } catch (IOException | RuntimeException e) {
            return failedWindow(h, test, pattern, "reading the cron window failed: " + e.getMessage());
        }
    }

    private static String lastWords(Fire.Result r) {
        String words = new ExecResult(r.exit(), r.stdout(), r.stderr()).lastWords();
        return words.isEmpty() ? "" : ": " + words;
    }

    private static Window failedWindow(Host h, TestPlan test, String pattern, String why) {
        return new Window(h.id(), h.role(), test.name(), pattern, null, null, -1, why);
    }
}
