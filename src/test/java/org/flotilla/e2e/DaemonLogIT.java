package org.flotilla.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon of a detached `up` logs through Log4j into runs/&lt;id&gt;/daemon.log, at the levels of
 * log4j2.xml, which a user changes with a copy named in FLOTILLA_JAVA_OPTS; what the terminal shows
 * stays the same.
 */
class DaemonLogIT {
    private static final Path PROJECT = FlotillaCommand.PROJECT;
    private static final String MINA_DEBUG = "<Logger name=\"org.apache.sshd\" level=\"debug\"/>";

    @RegisterExtension
    final RunsDirs runsDirs = new RunsDirs();

    @Test
    void theDefaultConfigLogsTheDaemonsNotesAndNoLibraryChatter() throws Exception {
        Path runs = runsDirs.create("e2e-log-");

        Ran ran = upAndDown(runs, "");
        String up = ran.up();

        Path run = onlyRun(runs);
        // The layout is %masked{...}: had the shaded jar kept log4j-core's Log4j2Plugins.dat instead of merging
        // ours in, these lines would read "<message>asked" (measured), without date, level or logger.
        assertThat(run.resolve("daemon.log")).content()
                .contains("INFO  [main] o.f.d.FleetDaemon - run " + run.getFileName() + ": 2 of 2 hosts READY")
                .contains("o.f.d.FleetDaemon - down: the fleet is terminated")
                .doesNotContain("DEBUG").doesNotContain(" o.a.s.");
        assertThat(run.resolve("daemon.out")).content().contains("2 hosts: 2 ready, 0 failed").contains("fleet terminated")
                .doesNotContain("ERROR");
        assertThat(up).contains("2 hosts: 2 ready, 0 failed").doesNotContain("INFO").doesNotContain("FleetDaemon");
        // The launcher's choices for a process that holds a fleet reach the daemon (without them its heap
        // grows toward a quarter of the machine's memory); its quick logging provider for commands does not.
        assertThat(ran.daemonCommand()).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmn32m")
                .doesNotContain("log4j.provider");
    }

    @Test
    void aLevelRaisedInACopyOfTheConfigBringsMinasDebugLinesIntoDaemonLog() throws Exception {
        Path runs = runsDirs.create("e2e-log-");
        String shipped = Files.readString(PROJECT.resolve("src/main/resources/log4j2.xml"));
        assertThat(shipped).as("the example the file itself gives").contains("<!-- " + MINA_DEBUG + " -->");
        Path copy = Files.writeString(runs.resolveSibling(runs.getFileName() + "-log4j2.xml"),
                shipped.replace("<!-- " + MINA_DEBUG + " -->", MINA_DEBUG));

        String up = upAndDown(runs, "-Dlog4j2.configurationFile=" + copy).up();

        Path run = onlyRun(runs);
        try (Stream<String> lines = Files.lines(run.resolve("daemon.log"))) {
            List<String> mina = lines.filter(l -> l.contains(" DEBUG ") && l.contains(" o.a.s.")).toList();
            assertThat(mina).as("MINA's DEBUG lines").hasSizeGreaterThan(10)
                    .anySatisfy(l -> assertThat(l).contains("o.a.s.c.s.ClientSessionImpl"));
        }
        assertThat(run.resolve("daemon.log")).content().contains("o.f.d.FleetDaemon - run " + run.getFileName() + ": 2 of 2 hosts READY");
        assertThat(up).contains("2 hosts: 2 ready, 0 failed").doesNotContain("DEBUG");
    }

    /** What `up` printed, and the command line of the daemon it left holding the fleet. */
    private record Ran(String up, String daemonCommand) {
    }

    /** `./flotilla up --detach` of one server and one client, with FLOTILLA_JAVA_OPTS as given, then `down`. */
    private static Ran upAndDown(Path runs, String javaOpts) throws Exception {
        String up = flotilla(javaOpts, "up", "--config", "config/scenarios/local-demo.conf", "--count", "client=1", "--detach",
                "--runs-dir", runs.toString());
        Matcher pid = Pattern.compile("held by its daemon \\(pid (\\d+)\\)").matcher(up);
        assertThat(pid.find()).as(up).isTrue();
        String command = Files.readString(Path.of("/proc", pid.group(1), "cmdline")).replace('\0', ' ');
        String down = flotilla(javaOpts, "down", "--runs-dir", runs.toString());
        assertThat(down).as(down).contains("2 hosts terminated");
        return new Ran(up, command);
    }

    private static String flotilla(String javaOpts, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of("./flotilla"), Stream.of(args)).toList())
                .directory(PROJECT.toFile()).redirectErrorStream(true);
        pb.environment().put("FLOTILLA_JAVA_OPTS", javaOpts);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + ":\n" + out).isZero();
        return out;
    }

    private static Path onlyRun(Path runs) throws Exception {
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }
}
