package org.flotilla.daemon;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flotilla.config.Settings;
import org.flotilla.fleet.JournalCodec;
import org.flotilla.fleet.JournalEvent.Window;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.logs.HostLogs;
import org.flotilla.provision.HostPush;
import org.flotilla.run.Downed;
import org.flotilla.run.InProcessRun;
import org.flotilla.run.RunControl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A run's operations done by its living daemon, which holds the fleet, its sessions and its idle clock. */
final class DaemonRun implements RunControl {
    private static final ObjectMapper JSON = JournalCodec.json();
    private final Run run;
    private final DaemonInfo daemon;
    private final Settings settings;
    private final ControlClient client;

    /** @param settings the run's own (runs/ID/settings.conf): what the daemon uses */
    DaemonRun(Run run, DaemonInfo daemon, Settings settings) {
        this.run = run;
        this.daemon = daemon;
        this.settings = settings;
        this.client = new ControlClient(daemon);
    }

    @Override
    public Run run() {
        return run;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public String via() {
        return " through its daemon (pid " + daemon.pid() + ")";
    }

    @Override
    public Outcome configure() throws IOException, InterruptedException {
        return JSON.treeToValue(client.call(new ControlRequest.Configure()), Outcome.class);
    }

    @Override
    public List<HostPush> push(List<String> roles) throws IOException, InterruptedException {
        return JSON.convertValue(client.call(new ControlRequest.Push(roles)), new TypeReference<>() { });
    }

    @Override
    public List<Window> runTest(String test, String pattern, List<String> sets, Consumer<String> say) throws IOException, InterruptedException {
        return JSON.convertValue(client.call(new ControlRequest.RunTest(test, pattern, sets), say, null), new TypeReference<>() { });
    }

    @Override
    public List<HostLogs> fetchLogs(Set<String> roles, Path dir, Consumer<String> say) throws IOException, InterruptedException {
        JsonNode answer = client.call(new ControlRequest.FetchLogs(roles == null ? null : List.copyOf(roles), dir.toAbsolutePath().toString()), say, null);
        return JSON.convertValue(answer, new TypeReference<>() { });
    }

    /**
     * The daemon terminates the fleet and exits. When it goes away without answering (torn down
     * by another `down`, or by itself), the journal says what is left, and that is terminated here;
     * when it neither answers nor exits, it may hold the fleet still: nothing is touched.
     */
    @Override
    public Downed down() throws IOException, InterruptedException {
        Downed answer;
        try {
            answer = JSON.treeToValue(client.call(new ControlRequest.Down()), Downed.class);
        } catch (IOException e) {
            if (DaemonInfo.look(run).state() != DaemonInfo.Look.State.GONE) throw e; // it lives and refused, or may hold the fleet: say why
            try (InProcessRun here = InProcessRun.attach(settings, run, false)) {
                return here.down();
            }
        }
        exited();
        return answer;
    }

    private boolean exited() throws InterruptedException {
        var process = ProcessHandle.of(daemon.pid());
        if (process.isEmpty()) return true;
        if (daemon.pid() == ProcessHandle.current().pid()) return false; // a daemon in this very process (tests)
        try {
            process.get().onExit().get(30, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        // nothing held here: the daemon holds the fleet
    }
}
