package org.flotilla.provision;

import org.flotilla.fleet.Outcome;
import org.flotilla.OpenSshFleet;
import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `packages` on real OpenSSH hosts with a non-root login and sudo. The hosts are all this
 * machine, so they share one dpkg: one host installs, the others wait for its lock and then find
 * the package there. `hello` really comes from Debian's mirror; it is removed before and after.
 */
@Tag("debian-mirror") // apt-get reaches Debian's mirror: this class runs outside the loopback-only namespace
class PackagesOpenSshTest {
    private static final String PACKAGE = "hello";
    @TempDir
    Path tmp;
    private Process holder;

    @BeforeEach
    @AfterEach
    void withoutThePackage() throws Exception {
        if (holder != null) {
            holder.destroy();
            holder.waitFor();
            holder = null;
        }
        OpenSshFleet.run("dpkg", "-r", PACKAGE);
        assertThat(installed()).isFalse();
    }

    private static boolean installed() throws Exception {
        Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Status}", PACKAGE).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return p.waitFor() == 0 && out.equals("install ok installed");
    }

    private Path config(Workspace w, OpenSshFleet ssh, String hosts, String body) {
        return w.config("packages.conf", """
                provider = fixed
                ssh.key = "%s"
                fixed.hosts = [
                  %s
                ]
                """.formatted(ssh.clientKey, hosts) + body);
    }

    private static String hosts(OpenSshFleet ssh, String role, int from, int to, String user) {
        return IntStream.range(from, to).mapToObj(i -> ssh.host(role, i, user)).collect(Collectors.joining("\n  "));
    }

    @Test
    void installedOnceAcrossTheFleetThenNoCallAndAnUnknownNameFailsOnlyItsHost() throws Exception {
        try (OpenSshFleet ssh = OpenSshFleet.start(4)) {
            Workspace w = new Workspace(tmp);
            Path conf = config(w, ssh, hosts(ssh, "web", 0, 3, ssh.sudoer) + "\n  " + ssh.host("odd", 3, ssh.sudoer), """
                    packages = [ %s ]
                    roles.web { become = true, setup = [ "hello -g hi > greeting" ] }
                    roles.odd { become = true, packages = [ flotilla-no-such-package ] }
                    """.formatted(PACKAGE));
            Settings settings = w.settings(conf);
            Run run = Run.create(settings.runsDir());
            try (FleetDaemon d = FleetDaemon.launch(settings, run)) {
                Outcome o = d.up();
                assertThat(o.ready()).isEqualTo(3);
                assertThat(o.failed()).containsOnlyKeys("odd-0");
                assertThat(o.failed().get("odd-0")).isEqualTo("package flotilla-no-such-package is not known to the package manager: "
                        + "E: Unable to locate package flotilla-no-such-package");
                assertThat(installed()).isTrue();
                assertThat(ssh.home(ssh.sudoer).resolve("greeting")).hasContent("hi");
                List<String> logs = List.of(Files.readString(run.hostLog("web-0")), Files.readString(run.hostLog("web-1")),
                        Files.readString(run.hostLog("web-2")));
                assertThat(logs.stream().filter(l -> l.contains("packages installed: " + PACKAGE + " ")))
                        .as("one host installs; the others share its dpkg and find it there").hasSize(1);
                assertThat(logs.stream().filter(l -> l.contains("packages: " + PACKAGE + " already installed: no package-manager call"))).hasSize(2);

                long[] before = new long[3];
                for (int i = 0; i < 3; i++) before[i] = Files.size(run.hostLog("web-" + i));
                Outcome again = d.run().configure();
                assertThat(again.failed()).containsOnlyKeys("odd-0");
                for (int i = 0; i < 3; i++) {
                    String second = Files.readString(run.hostLog("web-" + i)).substring((int) before[i]);
                    assertThat(second).contains("packages: " + PACKAGE + " already installed: no package-manager call")
                            .doesNotContain("apt-get").doesNotContain("packages installed");
                }
                d.down();
            }
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsWaitedFor() throws Exception {
        try (OpenSshFleet ssh = OpenSshFleet.start(2)) {
            Workspace w = new Workspace(tmp);
            Path conf = config(w, ssh, hosts(ssh, "web", 0, 2, ssh.sudoer), """
                    provision.package-timeout = 2m
                    roles.web { become = true, packages = [ %s ] }
                    """.formatted(PACKAGE));
            Settings settings = w.settings(conf);
            Run run = Run.create(settings.runsDir());
            long pid = holdLock(600);
            String waiting = "packages: the lock is held by process " + pid + " (python3)";
            // The holder lets go once web-0 is seen waiting for it (not after a fixed time a loaded
            // machine may outlast): READY may only come after that.
            Process lock = holder;
            CompletableFuture<Long> released = new CompletableFuture<>();
            Thread releaser = new Thread(() -> releaseOnceLogged(lock, run.hostLog("web-0"), waiting, released));
            releaser.start();
            try (FleetDaemon d = FleetDaemon.launch(settings, run)) {
                Outcome o = d.up();
                long readyAt = System.nanoTime();
                assertThat(o.failed()).isEmpty();
                assertThat(o.ready()).isEqualTo(2);
                assertThat(run.hostLog("web-0")).content().contains(waiting);
                assertThat(released).as("READY only after the holder let go").isCompleted();
                assertThat(released.get()).isLessThan(readyAt);
                assertThat(installed()).isTrue();
                d.down();
            } finally {
                releaser.interrupt();
                releaser.join();
            }
        }
    }

    @Test
    void aLockHeldPastThePackageTimeoutFailsTheHostNamingTheHolderAndNoRootNoInstall() throws Exception {
        try (OpenSshFleet ssh = OpenSshFleet.start(2)) {
            Workspace w = new Workspace(tmp);
            Path conf = config(w, ssh, ssh.host("web", 0, ssh.sudoer) + "\n  " + ssh.host("plain", 1, ssh.sudoer), """
                    provision.package-timeout = 5s
                    roles.web { become = true, packages = [ %1$s ] }
                    roles.plain { packages = [ %1$s ] }
                    """.formatted(PACKAGE));
            Settings settings = w.settings(conf);
            long pid = holdLock(600);
            try (FleetDaemon d = FleetDaemon.launch(settings, Run.create(settings.runsDir()))) {
                Outcome o = d.up();
                assertThat(o.ready()).isZero();
                assertThat(o.failed().get("web-0")).isEqualTo("the package manager's lock is held by process " + pid
                        + " (python3) (/var/lib/dpkg/lock-frontend) for longer than provision.package-timeout (5s)");
                assertThat(o.failed().get("plain-0")).isEqualTo("packages need root: set become = true (missing: " + PACKAGE + ")");
                assertThat(installed()).isFalse();
                d.down();
            }
        }
    }

    @Test
    void aHostWhereCloudInitRunsWaitsForItBeforeItsPackages() throws Exception {
        try (OpenSshFleet ssh = OpenSshFleet.start(1)) {
            Path cloudInit = ssh.bin().resolve("cloud-init");
            Files.writeString(cloudInit, "#!/bin/sh\n[ \"$1 $2\" = \"status --wait\" ] || exit 2\nsleep 3\necho 'status: done'\n");
            cloudInit.toFile().setExecutable(true, false);
            Workspace w = new Workspace(tmp);
            Path conf = config(w, ssh, ssh.host("web", 0, ssh.sudoer), "roles.web { become = true, packages = [ dpkg ] }\n");
            Settings settings = w.settings(conf);
            Run run = Run.create(settings.runsDir());
            try (FleetDaemon d = FleetDaemon.launch(settings, run)) {
                assertThat(d.up().failed()).isEmpty();
                String log = Files.readString(run.hostLog("web-0"));
                assertThat(log).containsSubsequence("cloud-init", "waiting for cloud-init to finish (cloud-init status --wait)",
                        "cloud-init: exit 0 status: done", "packages: dpkg already installed: no package-manager call");
                d.down();
            }
        }
    }

    @Test
    void onLocalHostsAFlotillaThatIsNotRootFailsAtOnceNamingTheLineToRun() throws Exception {
        Workspace w = new Workspace(tmp);
        // local hosts' commands as `nobody`, as if Flotilla ran as a user
        Path shell = w.write("as-nobody.sh", "#!/bin/sh\nexec setpriv --reuid=nobody --regid=nogroup --clear-groups /bin/sh \"$@\"\n");
        shell.toFile().setExecutable(true, false);
        Path conf = w.config("local.conf", "local.shell = \"" + shell + "\"\n"
                + "roles.client { count = 2, packages = [ " + PACKAGE + ", dpkg ] }\n");
        Settings settings = w.settings(conf);
        try (FleetDaemon d = FleetDaemon.launch(settings, Run.create(settings.runsDir()))) {
            long start = System.nanoTime();
            Outcome o = d.up();
            assertThat((System.nanoTime() - start) / 1_000_000_000).isLessThan(10);
            assertThat(o.failed()).hasSize(2).allSatisfy((host, why) -> assertThat(why).isEqualTo(
                    "packages missing on this machine (local hosts share it): hello; Flotilla does not run as root to install them: "
                            + "run `apt-get install -y hello` as root"));
            d.down();
        }
        assertThat(installed()).isFalse();
    }

    /** Waits (up to 100 s, or until interrupted) for the line in the log, then ends the lock's holder; completes with the instant it was gone. */
    private static void releaseOnceLogged(Process lock, Path log, String line, CompletableFuture<Long> released) {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
            while (!(Files.exists(log) && Files.readString(log).contains(line)) && System.nanoTime() < deadline) Thread.sleep(50);
            lock.destroy();
            lock.waitFor();
            released.complete(System.nanoTime());
        } catch (InterruptedException e) {
            released.cancel(false);
        } catch (Exception e) {
            released.completeExceptionally(e);
        }
    }

    /** A process holding dpkg's frontend lock as apt does (an fcntl lock), for this many seconds. */
    private long holdLock(int seconds) throws Exception {
        holder = new ProcessBuilder("/usr/bin/python3", "-c", """
                import fcntl, sys, time
                f = open('/var/lib/dpkg/lock-frontend', 'a')
                fcntl.lockf(f, fcntl.LOCK_EX)
                print('locked', flush=True)
                time.sleep(float(sys.argv[1]))
                """, String.valueOf(seconds)).redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine();
        assertThat(line).isEqualTo("locked");
        return holder.pid();
    }
}
