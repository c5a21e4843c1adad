package org.flotilla.ssh;

import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.provider.local.LocalProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * known_hosts as OpenSSH treats it, against existing hosts (another run's local fleet, reached by
 * the fixed provider): a malformed line is skipped with one warning naming file:line, never a
 * reason to retry; the run's pins live in its journal too, so emptying its known_hosts does not
 * turn a changed key into a first contact.
 */
class KnownHostsTest {
    @TempDir
    Path tmp;

    /** A line cut mid-key, a key that is not base64, a host pattern with a character no pattern has. */
    private static String malformed(String goodKey) {
        return "[127.0.0.1]:1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI\n"
                + "[127.0.0.1]:2 ssh-ed25519 AAAA!!!not-base64$$$\n"
                + "a;b.invalid " + goodKey + "\n";
    }

    private interface WithMachines {
        void run(Workspace w, FleetDaemon machines, Run machinesRun) throws Exception;
    }

    /** Two local hosts that serve as existing machines; terminated whatever the test does. */
    private void withMachines(WithMachines test) throws Exception {
        Workspace w = new Workspace(tmp);
        Settings s = w.settings(w.config("machines.conf", "roles.machine.count = 2\n"));
        Run run = Run.create(s.runsDir());
        try (FleetDaemon machines = FleetDaemon.launch(s, run)) {
            try {
                assertThat(machines.up().failed()).isEmpty();
                test.run(w, machines, run);
            } finally {
                machines.down();
            }
        }
    }

    private static Settings fixed(Workspace w, FleetDaemon machines, Run machinesRun, String extra) {
        String hosts = machines.run().fleet().hosts().stream().sorted(java.util.Comparator.comparing(Host::id))
                .map(h -> "{ role = web, address = \"" + h.address() + "\", port = " + h.port() + " }")
                .collect(Collectors.joining("\n  "));
        return w.settings(w.config("fixed.conf", """
                provider = fixed
                ssh.key = "%s"
                ssh.connect-timeout = 20s
                fixed.hosts = [
                  %s
                ]
                roles.web.setup = [ "true" ]
                """.formatted(machinesRun.dir().resolve("ssh/id_ed25519"), hosts) + extra));
    }

    /** A fixed run over the machines, configured with accept-new; its hosts are left as they are (released by `down`). */
    private static Run configuredFixedRun(Workspace w, FleetDaemon machines, Run machinesRun) {
        Settings s = fixed(w, machines, machinesRun, "");
        Run run = Run.create(s.runsDir());
        try (FleetDaemon d = FleetDaemon.launch(s, run)) {
            assertThat(d.up().failed()).isEmpty();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return run;
    }

    /** What {@code body} wrote to System.err (where a command's warnings go) and what it returned. */
    private static <T> T capturingErr(ByteArrayOutputStream err, Callable<T> body) throws Exception {
        PrintStream before = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return body.call();
        } finally {
            System.setErr(before);
        }
    }

    private static long count(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    @Test
    void strictSkipsMalformedLinesWithOneWarningEachAndConnectsAtOnce() throws Exception {
        withMachines((w, machines, machinesRun) -> {
            String good = Files.readString(machinesRun.knownHosts());
            Path known = w.write("known_hosts", malformed(good.lines().findFirst().orElseThrow().split(" ", 2)[1]) + good);
            Settings s = fixed(w, machines, machinesRun, "ssh.host-keys = strict\nssh.known-hosts = \"" + known + "\"\n");
            Run run = Run.create(s.runsDir());
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            long t0 = System.nanoTime();
            Outcome o = capturingErr(err, () -> {
                try (FleetDaemon d = FleetDaemon.launch(s, run)) {
                    try {
                        return d.up();
                    } finally {
                        d.down();
                    }
                }
            });

            assertThat(o.failed()).isEmpty();
            assertThat(o.ready()).isEqualTo(2);
            assertThat((System.nanoTime() - t0) / 1e9).as("no retries: the hosts answer at once").isLessThan(15);
            String warnings = err.toString(StandardCharsets.UTF_8);
            for (int line = 1; line <= 3; line++) {
                assertThat(count(warnings, known + ":" + line + ": skipped a malformed line")).as(warnings).isEqualTo(1);
            }
            for (int i = 0; i < 2; i++) {
                assertThat(run.hostLog("web-" + i)).content().doesNotContain("retrying").contains("found in " + known);
            }
        });
    }

    @Test
    void aMalformedLineInTheRunsKnownHostsIsSkippedAndConfigureGoesOn() throws Exception {
        withMachines((w, machines, machinesRun) -> {
            Run run = configuredFixedRun(w, machines, machinesRun);
            try {
                Files.writeString(run.knownHosts(), "[127.0.0.1]:2 ssh-ed25519 AAAA!!!not-base64$$$\n", StandardOpenOption.APPEND);
                ByteArrayOutputStream err = new ByteArrayOutputStream();

                Workspace.Result configure = capturingErr(err, () -> w.cliInRuns("configure", "--run", run.id()));

                assertThat(configure.exit()).as(configure.toString()).isZero();
                assertThat(configure.toString()).doesNotContain("IllegalStateException");
                assertThat(count(err.toString(StandardCharsets.UTF_8), run.knownHosts() + ":3: skipped a malformed line")).isEqualTo(1);
            } finally {
                w.cliInRuns("down", "--run", run.id());
            }
        });
    }

    @Test
    void emptyingTheRunsKnownHostsDoesNotMakeAChangedKeyAFirstContact() throws Exception {
        withMachines((w, machines, machinesRun) -> {
            Run run = configuredFixedRun(w, machines, machinesRun);
            try {
                Files.writeString(run.knownHosts(), "");
                ((LocalProvider) machines.run().provider()).rekey("machine-0");

                Workspace.Result configure = w.cliInRuns("configure", "--run", run.id());

                assertThat(configure.exit()).as(configure.toString()).isEqualTo(1);
                assertThat(configure.out()).contains("web-0").contains("host key changed");
                assertThat(configure.out()).doesNotContain("web-1  FAILED");
                assertThat(run.knownHosts()).as("the changed key is not recorded").isEmptyFile();
            } finally {
                w.cliInRuns("down", "--run", run.id());
            }
        });
    }

    @Test
    void aPinIsJournaledWithTheHostAndKeyOnly() throws Exception {
        withMachines((w, machines, machinesRun) -> {
            Run run = configuredFixedRun(w, machines, machinesRun);
            w.cliInRuns("down", "--run", run.id());
            List<String> pins = Files.readAllLines(run.journal()).stream().filter(l -> l.contains("\"host-key\"")).toList();
            assertThat(pins).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"endpoint\":\"[127.0.0.1]:").contains("ssh-ed25519 "));
        });
    }
}
