package org.flotilla.schedule;

import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Cron-started tests: one schedule for the whole fleet, in the run's own cron.d file. */
class CrontabTest {
    @TempDir
    Path tmp;

    private static final String FLEET = """
            cron.dir = "etc/cron.d"
            roles {
              server.count = 1
              client.count = 4
            }
            tests {
              soak {
                roles = [client]
                start = cron
                time = 7
                patterns = [short, long]
                duration = 50s
                grace = 20s
                command = "echo ${host.id} ${pattern} | tee logs-${pattern}.txt; date +%s"
              }
            }
            """;

    @Test
    void everyHostGetsTheSameUtcMinutesAtRunStartPlusTime() throws Exception {
        Workspace w = new Workspace(tmp);
        Settings s = w.settings(w.config("fleet.conf", FLEET));
        Run run = Run.create(s.runsDir());
        try (FleetDaemon d = FleetDaemon.launch(s, run)) {
            assertThat(d.up().failed()).isEmpty();
            Instant start = RunStatus.read(run).start();
            ZonedDateTime first = start.truncatedTo(ChronoUnit.MINUTES).plusSeconds(7 * 60).atZone(ZoneOffset.UTC);
            ZonedDateTime second = first.plusMinutes(2); // 50s + 20s rounds up to two minutes
            Set<String> schedules = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                Path crontab = run.localDir().resolve("client-" + i + "/etc/cron.d/flotilla-" + run.id());
                List<String> entries = Files.readAllLines(crontab).stream().filter(l -> !l.startsWith("#") && l.contains(" root ")).toList();
                assertThat(Files.readString(crontab)).contains("CRON_TZ=UTC", "SHELL=/bin/sh", "PATH=");
                assertThat(entries).hasSize(2);
                assertThat(entries.get(0)).startsWith(cronTime(first) + " root ").contains("client-" + i + " short").contains("date +\\%s");
                assertThat(entries.get(1)).startsWith(cronTime(second) + " root ").contains("long");
                schedules.add(entries.stream().map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 5))).collect(Collectors.joining("|")));
            }
            assertThat(schedules).as("one schedule for the whole fleet").hasSize(1);
            assertThat(run.localDir().resolve("server-0/etc/cron.d")).as("only the test's roles get it").doesNotExist();
            d.down();
        }
    }

    @Test
    void anEntryRunAsCronWouldRecordsItsWindow() throws Exception {
        Workspace w = new Workspace(tmp);
        Settings s = w.settings(w.config("fleet.conf", FLEET));
        Run run = Run.create(s.runsDir());
        try (FleetDaemon d = FleetDaemon.launch(s, run)) {
            assertThat(d.up().failed()).isEmpty();
            Path root = run.localDir().resolve("client-2");
            String entry = Files.readAllLines(root.resolve("etc/cron.d/flotilla-" + run.id())).stream()
                    .filter(l -> l.contains(" root ")).findFirst().orElseThrow();
            String command = entry.substring(entry.indexOf(" root ") + 6).replace("\\%", "%"); // what cron hands the shell
            Process p = new ProcessBuilder("/bin/sh", "-c", command).start();
            assertThat(p.waitFor()).isZero();

            assertThat(root.resolve("logs-short.txt")).hasContent("client-2 short");
            String[] window = Files.readString(root.resolve(".flotilla/windows/soak-short")).strip().split(" ");
            assertThat(window).hasSize(3);
            assertThat(window[2]).isEqualTo("0");
            assertThat(HostOutput.instant(window[1])).isAfterOrEqualTo(HostOutput.instant(window[0]));
            d.down();
        }
    }

    @Test
    void runningACronTestOnLocalHostsSaysTheyHaveNoCron() throws Exception {
        Workspace w = new Workspace(tmp);
        Settings s = w.settings(w.config("fleet.conf", FLEET));
        try (FleetDaemon d = FleetDaemon.launch(s, Run.create(s.runsDir()))) {
            d.up();
            Workspace.Result r = w.cliInRuns("run", "soak");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("local hosts have no cron daemon");
            d.down();
        }
    }

    private static String cronTime(ZonedDateTime t) {
        return t.getMinute() + " " + t.getHour() + " " + t.getDayOfMonth() + " " + t.getMonthValue() + " *";
    }
    /** What cron hands its shell for an entry: the text before the first unescaped %, with each \\% made a %. */
    static String asCronRuns(String entry) {
        String command = entry.substring(entry.indexOf(" root ") + 6);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\\' && i + 1 < command.length() && command.charAt(i + 1) == '%') {
                out.append('%');
                i++;
            } else if (c == '%') {
                break; // the rest would be the command's stdin
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Test
    void aValueWithNewlineCarriageReturnOrPercentAddsNoCrontabEntry() throws Exception {
        Workspace w = new Workspace(tmp);
        Path marker = tmp.resolve("cron-ran-this");
        String evil = "a\n* * * * * root touch " + marker + "\rb 50% \\%x";
        String hocon = evil.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        Settings s = w.settings(w.config("fleet.conf", """
                cron.dir = "etc/cron.d"
                roles.client.count = 1
                vars.evil = "%s"
                tests.inject {
                  roles = [client]
                  start = cron
                  command = "printf '%%s' \\"${vars.evil}\\" > evil.txt"
                }
                """.formatted(hocon)));
        Run run = Run.create(s.runsDir());
        try (FleetDaemon d = FleetDaemon.launch(s, run)) {
            assertThat(d.up().failed()).isEmpty();
            Path root = run.localDir().resolve("client-0");
            List<String> lines = Files.readAllLines(root.resolve("etc/cron.d/flotilla-" + run.id()));
            List<String> entries = lines.stream().filter(l -> !l.startsWith("#") && !l.matches("[A-Z_]+=.*")).toList();
            assertThat(entries).as(String.join("\n", lines)).hasSize(1);
            assertThat(entries.get(0)).matches("[0-9]+ [0-9]+ [0-9]+ [0-9]+ \\* root .*");
            assertThat(String.join("\n", lines)).doesNotContain("\r").doesNotContain("touch");

            Process p = new ProcessBuilder("/bin/sh", "-c", asCronRuns(entries.get(0))).start();
            assertThat(p.waitFor()).isZero();
            assertThat(root.resolve("evil.txt")).as("the command ran as written, all of it").hasContent(evil);
            assertThat(marker).doesNotExist();
            d.down();
        }
    }

    @Test
    @Timeout(120) // were it accepted, `up` would hold the fleet: fail, do not hang
    void aPatternOrACronFieldThatWouldSplitTheCrontabIsAConfigError() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fleet.conf", FLEET.replace("patterns = [short, long]", "patterns = [short, \"x\\n* * * * * root touch /var/tmp/x\"]"));
        Workspace.Result r = w.cli("up", "--config", conf.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(conf + ":13:").contains("tests.soak.patterns").contains("control characters");
        assertThat(w.runsDir).doesNotExist();

        Path user = w.config("user.conf", FLEET + "cron.user = \"root touch /var/tmp/x #\"\n");
        Workspace.Result u = w.cli("up", "--config", user.toString());
        assertThat(u.exit()).as(u.toString()).isEqualTo(2);
        assertThat(u.err()).contains(user + ":19:").contains("cron.user");
        assertThat(w.runsDir).doesNotExist();
    }
}
