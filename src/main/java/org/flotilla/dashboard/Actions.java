package org.flotilla.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import org.flotilla.config.RoleSpec;
import org.flotilla.config.Settings;
import org.flotilla.config.TestPlan;
import org.flotilla.fleet.JournalEvent.Window;
import org.flotilla.logs.HostLogs;
import org.flotilla.provision.HostPush;
import org.flotilla.run.Downed;
import org.flotilla.run.RunControl;
import org.flotilla.schedule.TestRunner;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The buttons: run a test, push, fetch the logs, down. Each goes through the run's
 * {@link RunControl}, as the command of the same name does, one at a time; its lines and its end
 * go to every open page as events ("say", "done").
 */
final class Actions {
    /** Why an action was not started: said to the page with this HTTP status. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final RunControl control;
    private final Pages pages;
    private final AtomicReference<String> running = new AtomicReference<>();

    Actions(RunControl control, Pages pages) {
        this.control = control;
        this.pages = pages;
    }

    /** Starts the action {@code name} with the page's request; returns what was started. */
    String start(String name, JsonNode request) throws Refused {
        Settings settings = control.settings();
        Work work = switch (name) {
            case "run" -> runTest(settings, request);
            case "push" -> () -> pushed(control.push(settings.roles().stream().map(RoleSpec::name).toList()));
            case "fetch-logs" -> () -> fetched(control.fetchLogs(null, control.run().dir().resolve("logs"), this::say));
            case "down" -> down(request);
            default -> throw new Refused(404, "no such action: " + name);
        };
        String what = name.equals("run") ? "run " + request.path("test").asText() : name;
        if (!running.compareAndSet(null, what)) throw new Refused(409, running.get() + " is in progress; one action at a time");
        Thread t = new Thread(() -> perform(what, work), "dashboard " + what);
        t.setDaemon(true);
        t.start();
        return what;
    }

    Settings settings() {
        return control.settings();
    }

    /** The action in progress, or null. */
    String running() {
        return running.get();
    }

    private interface Work {
        String call() throws Exception;
    }

    private Work runTest(Settings settings, JsonNode request) throws Refused {
        String name = request.path("test").asText();
        String pattern = request.path("pattern").asText(null);
        if (pattern != null && pattern.isEmpty()) pattern = null;
        TestPlan test;
        try {
            test = settings.test(name);
            TestRunner.check(test, pattern, settings.providerKind()); // the checks `flotilla run` makes
        } catch (IllegalArgumentException e) {
            throw new Refused(400, e.getMessage());
        }
        String p = pattern;
        return () -> {
            List<Window> windows = control.runTest(test.name(), p, List.of(), this::say);
            long ok = windows.stream().filter(Window::ok).count();
            return ok + " of " + windows.size() + " host runs ok";
        };
    }

    private Work down(JsonNode request) throws Refused {
        // the page asks the user first; a request that does not name the run was not confirmed
        if (!control.run().id().equals(request.path("confirm").asText())) throw new Refused(400, "down is confirmed with the run's id");
        return () -> {
            Downed d = control.down();
            return d.already() ? "already terminated" : "the fleet is terminated" + (d.failures().isEmpty() ? "" : " but for " + d.failures().keySet());
        };
    }

    private void perform(String what, Work work) {
        say(what + " ...");
        String outcome;
        boolean ok = false;
        try {
            outcome = work.call();
            ok = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        } catch (Exception e) {
            outcome = "failed: " + e.getMessage();
        } finally {
            running.set(null);
        }
        say(what + ": " + outcome);
        pages.post("done", Map.of("action", what, "ok", ok, "outcome", outcome));
    }

    private void say(String line) {
        pages.post("say", Map.of("line", line, "at", System.currentTimeMillis()));
    }

    private String pushed(List<HostPush> hosts) {
        long uploaded = hosts.stream().mapToLong(h -> h.uploaded().size()).sum();
        long reloaded = hosts.stream().filter(HostPush::reloaded).count();
        List<String> failed = hosts.stream().filter(h -> h.error() != null).map(h -> h.host() + " (" + h.error() + ")").toList();
        return hosts.size() + " hosts, " + uploaded + " files uploaded, " + reloaded + " reloaded"
                + (failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed));
    }

    private String fetched(List<HostLogs> hosts) {
        long files = hosts.stream().mapToLong(HostLogs::fetched).sum();
        long bytes = hosts.stream().mapToLong(HostLogs::bytes).sum();
        long problems = hosts.stream().mapToLong(h -> h.problems().size()).sum();
        return files + " files (" + bytes + " bytes) from " + hosts.size() + " hosts into " + control.run().dir().resolve("logs")
                + (problems == 0 ? "" : "; " + problems + " problems");
    }
}
