package org.flotilla.daemon;

import org.flotilla.run.Downed;
import org.flotilla.run.InProcessRun;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * What the daemon answers on its control address: each action is the run's own operation, and
 * keeps the fleet busy (not idle) while it lasts.
 */
final class ControlApi {
    /** The daemon's `down`, which also ends it. */
    interface Down {
        Downed down(String reason) throws InterruptedException;
    }

    private final InProcessRun run;
    private final Activity activity;
    private final Down down;

    ControlApi(InProcessRun run, Activity activity, Down down) {
        this.run = run;
        this.activity = activity;
        this.down = down;
    }

    ControlServer serve() {
        return new ControlServer()
                .on("ping", ControlRequest.Ping.class, (r, say) -> Map.of("run", run.run().id(), "last", activity.lastTouch()))
                .on("touch", ControlRequest.Touch.class, (r, say) -> {
                    activity.touch(r.command() == null ? "a command" : r.command(), r.pid(), Instant.now());
                    return Map.of("run", run.run().id(), "idle-stop", run.settings().provision().idleStop().toString());
                })
                .on("configure", ControlRequest.Configure.class, (r, say) -> busy("configure", run::configure))
                .on("push", ControlRequest.Push.class, (r, say) -> busy("push", () -> run.push(r.roles())))
                .on("run-test", ControlRequest.RunTest.class, (r, say) ->
                        busy("run " + r.test(), () -> run.runTest(r.test(), r.pattern(), r.sets() == null ? List.of() : r.sets(), say)))
                .on("fetch-logs", ControlRequest.FetchLogs.class, (r, say) -> busy("fetch-logs",
                        () -> run.fetchLogs(r.roles() == null ? null : Set.copyOf(r.roles()), Path.of(r.dir()), say)))
                .on("down", ControlRequest.Down.class, (r, say) -> down.down(null))
                .start();
    }

    private <T> T busy(String what, Callable<T> work) throws Exception {
        Runnable done = activity.busy(what, Instant.now());
        try {
            return work.call();
        } finally {
            done.run();
        }
    }
}
