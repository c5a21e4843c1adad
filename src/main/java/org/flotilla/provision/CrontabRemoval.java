package org.flotilla.provision;

import org.flotilla.config.Recipe;
import org.flotilla.config.Settings;
import org.flotilla.config.TestPlan;
import org.flotilla.fleet.Host;
import org.flotilla.output.HostLog;
import org.flotilla.schedule.Crontab;
import org.flotilla.ssh.Become;
import org.flotilla.ssh.ExecResult;
import org.flotilla.ssh.OnEachHost;
import org.flotilla.ssh.PerHost;
import org.flotilla.ssh.ShellWords;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * At `down`, hosts that go on living after the run (fixed hosts) lose the run's crontab. Best
 * effort: a host that does not answer keeps it, and its log says so.
 */
public final class CrontabRemoval {
    private static final Duration PER_HOST = Duration.ofSeconds(30);
    private final Settings settings;
    private final String runId;
    private final OnEachHost hosts;
    private final HostLog log;

    public CrontabRemoval(Settings settings, String runId, OnEachHost hosts, HostLog log) {
        this.settings = settings;
        this.runId = runId;
        this.hosts = hosts;
        this.log = log;
    }

    public void from(List<Host> live) throws InterruptedException {
        Set<String> cronRoles = settings.tests().stream().filter(t -> t.start() == TestPlan.TestStart.CRON)
                .flatMap(t -> t.roles().stream()).collect(Collectors.toSet());
        List<Host> holders = live.stream().filter(h -> cronRoles.contains(h.role()) && h.hasAddress()).toList();
        String dir = settings.cron().dir();
        String file = (dir.endsWith("/") ? dir : dir + "/") + Crontab.fileName(runId);
        String rm = "rm -f " + ShellWords.quote(file);
        Map<Host, PerHost<ExecResult>> done = hosts.run(holders, settings.provision().configurers(), PER_HOST, (h, remote) -> {
            Recipe recipe = settings.role(h.role()).recipe();
            return remote.exec(recipe.become() ? new Become(recipe.becomeUser()).wrapUnlessRoot(rm) : rm);
        });
        done.forEach((h, r) -> log.write(h, r.ok() && r.value().ok() ? "removed " + file
                : "could not remove " + file + ": " + (r.ok() ? r.value().lastWords() : r.failure())));
    }
}
