package org.flotilla.schedule;

import org.flotilla.config.CronSettings;
import org.flotilla.config.TestPlan;
import org.flotilla.ssh.ShellWords;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's crontab for cron-started tests, as the classic tool did it: each test at the run's
 * start + `time` minutes (UTC, computed once, so every host has the same minute), each further
 * pattern after the previous one's duration and grace. It is a file of its own,
 * &lt;cron.dir&gt;/flotilla-&lt;run-id&gt;, never the system crontab. Each entry records its window
 * (start, end, exit) in .flotilla/windows/ for `flotilla run` to journal.
 */
public final class Crontab {
    /** One scheduled run of a test: when, and the command line cron runs. */
    public record Entry(TestPlan test, String pattern, Instant at, String command) {
    }

    private Crontab() {
    }

    public static String fileName(String runId) {
        return "flotilla-" + runId;
    }

    /** When each pattern of a cron test starts. */
    public static List<Instant> starts(TestPlan test, Instant runStart) {
        Instant first = runStart.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(test.time()));
        long step = Math.max(1, (test.duration().plus(test.grace()).toSeconds() + 59) / 60);
        List<Instant> out = new ArrayList<>();
        for (int i = 0; i < test.runs().size(); i++) out.add(first.plus(Duration.ofMinutes(step * i)));
        return out;
    }

    /** The window file an entry writes, relative to the login directory. */
    public static String windowFile(TestPlan test, String pattern) {
        return ".flotilla/windows/" + test.name() + (pattern == null ? "" : "-" + pattern);
    }

    /** The command cron runs for one entry: in the login directory, bounded, its window recorded. */
    public static String command(String home, TestPlan test, String pattern, String rendered) {
        String window = windowFile(test, pattern);
        String script = "cd " + ShellWords.quote(home) + " && mkdir -p .flotilla/windows && s=$(date +%s.%N); "
                + "timeout -k 5 " + Math.max(1, test.duration().plus(test.grace()).toSeconds()) + " sh -c " + ShellWords.quote(rendered)
                + " </dev/null >>" + ShellWords.quote(window + ".out") + " 2>&1; rc=$?; "
                + "echo \"$s $(date +%s.%N) $rc\" > " + ShellWords.quote(window);
        return CronLine.command(script);
    }

    public static String render(String runId, Instant runStart, CronSettings cron, List<Entry> entries) {
        StringBuilder b = new StringBuilder();
        b.append("# Flotilla run ").append(runId).append(": cron-started tests. Times are UTC; the run started ")
                .append(runStart).append(".\n# Removed at `flotilla down`.\n");
        b.append("SHELL=").append(CronLine.field(cron.shell())).append('\n');
        b.append("PATH=").append(CronLine.field(cron.path())).append('\n');
        b.append("CRON_TZ=UTC\n");
        for (Entry e : entries) {
            ZonedDateTime t = e.at().atZone(ZoneOffset.UTC);
            b.append("# ").append(CronLine.comment(e.test().name() + (e.pattern() == null ? "" : " [" + e.pattern() + "]"))).append(" at ").append(e.at()).append('\n');
            b.append(t.getMinute()).append(' ').append(t.getHour()).append(' ').append(t.getDayOfMonth()).append(' ')
                    .append(t.getMonthValue()).append(" * ").append(CronLine.field(cron.user())).append(' ').append(CronLine.field(e.command())).append('\n');
        }
        return b.toString();
    }
}
