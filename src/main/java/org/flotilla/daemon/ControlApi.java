package org.flotilla.daemon;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the daemon answers on its control address: each action is the run's own operation, and
 * keeps the fleet busy (not idle) while it lasts.
 */
final class ControlApi {
    private final HeldRun run;
    private final Activity activity;

    ControlApi(HeldRun run, Activity activity) {
        this.run = run;
        this.activity = activity;
    }

    ControlServer serve() {
        return new ControlServer()
                .on("ping", ControlRequest.Ping.class, (r, say) -> Map.of("run", run.run().id(), "last", activity.lastTouch()))
                .on("touch", ControlRequest.Touch.class, (r, say) -> {
                    activity.touch(r.command() == null ? "a command" : r.command(), r.pid(), Instant.now());
                    return Map.of("run", run.run().id(), "idle-stop", run.settings().provision().idleStop().toString());
                })
                .on("configure", ControlRequest.Configure.class, (r, say) -> run.configure())
                .on("push", ControlRequest.Push.class, (r, say) -> run.push(r.roles()))
                .on("run-test", ControlRequest.RunTest.class, (r, say) ->
                        run.runTest(r.test(), r.pattern(), r.sets() == null ? List.of() : r.sets(), say))
                .on("fetch-logs", ControlRequest.FetchLogs.class, (r, say) ->
                        run.fetchLogs(r.roles() == null ? null : Set.copyOf(r.roles()), Path.of(r.dir()), say))
                .on("down", ControlRequest.Down.class, (r, say) -> run.down())
                .start();
    }
}
