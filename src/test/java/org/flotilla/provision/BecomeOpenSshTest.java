package org.flotilla.provision;

import org.flotilla.fleet.Outcome;
import org.flotilla.OpenSshFleet;
import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.JournalEvent.Window;
import org.flotilla.fleet.Run;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `become` on real OpenSSH hosts (the fixed provider), logging in as a user with passwordless
 * sudo as a cloud image's `admin` would, and as one whose sudo wants a password.
 */
class BecomeOpenSshTest {
    @TempDir
    Path tmp;

    @Test
    void rootFilesStepsAndTheCrontabGoThroughSudoAndTheCrontabGoesAtDown() throws Exception {
        Path etc = Path.of("/etc/flotilla-test");
        try (OpenSshFleet ssh = OpenSshFleet.start(2)) {
            Workspace w = new Workspace(tmp);
            w.write("resources/x.conf.ftl", "written for ${host.id}\n");
            w.write("resources/mine.txt", "in my home\n");
            String hosts = IntStream.range(0, 2).mapToObj(i -> ssh.host("web", i, ssh.sudoer)).collect(Collectors.joining("\n  "));
            Path conf = w.config("become.conf", """
                    provider = fixed
                    ssh.key = "%s"
                    fixed.hosts = [
                      %s
                    ]
                    roles.web {
                      become = true
                      resources = [
                        { source = "x.conf.ftl", dest = "/etc/flotilla-test/x.conf", mode = "0640" }
                        { source = "mine.txt", dest = "files/mine.txt" }
                        { source = "mine.txt", dest = "files/roots.txt", mode = "0600" }
                        { source = "mine.txt", dest = "/etc/flotilla-test/owned.txt", owner = "%3$s:%3$s" }
                      ]
                      setup = [ "id -u > root-uid-${host.id}", { run = "id -u > login-uid-${host.id}", become = false } ]
                    }
                    tests.nightly { roles = [web], start = cron, time = 600, command = "true" }
                    tests.whoami { roles = [web], duration = 1s, grace = 10s, command = "id -u > fired-uid-${host.id}" }
                    tests.asme { roles = [web], duration = 1s, grace = 10s, become = false, command = "id -u > login-fired-uid-${host.id}" }
                    """.formatted(ssh.clientKey, hosts, ssh.sudoer));
            Settings settings = w.settings(conf);
            Run run = Run.create(settings.runsDir());
            // a file in the login's home that root owns: the login's SFTP may not overwrite it
            Path roots = ssh.home(ssh.sudoer).resolve("files/roots.txt");
            Files.createDirectories(roots.getParent());
            OpenSshFleet.run("chown", ssh.sudoer, roots.getParent().toString());
            Files.writeString(roots, "old\n");
            Path crontab = Path.of("/etc/cron.d/flotilla-" + run.id());
            try (FleetDaemon d = FleetDaemon.launch(settings, run)) {
                Outcome o = d.up();
                assertThat(o.failed()).isEmpty();
                assertThat(o.ready()).isEqualTo(2);

                Path x = etc.resolve("x.conf");
                PosixFileAttributes a = Files.readAttributes(x, PosixFileAttributes.class);
                assertThat(a.owner().getName()).isEqualTo("root");
                assertThat(PosixFilePermissions.toString(a.permissions())).isEqualTo("rw-r-----");
                assertThat(x).content().startsWith("written for web-");
                Path home = ssh.home(ssh.sudoer);
                assertThat(home.resolve("files/mine.txt")).hasContent("in my home");
                assertThat(Files.getOwner(home.resolve("files/mine.txt")).getName()).as("files in the home go up as the login").isEqualTo(ssh.sudoer);
                assertThat(roots).as("denied to the login, installed through sudo").hasContent("in my home");
                PosixFileAttributes owned = Files.readAttributes(etc.resolve("owned.txt"), PosixFileAttributes.class);
                assertThat(owned.owner().getName() + ":" + owned.group().getName()).isEqualTo(ssh.sudoer + ":" + ssh.sudoer);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(roots))).isEqualTo("rw-------");
                assertThat(run.hostLog("web-1")).content().contains("upload mine.txt -> files/roots.txt (11 bytes, mode 0600) staged, installed as root through sudo");
                for (String h : new String[]{"web-0", "web-1"}) {
                    assertThat(home.resolve("root-uid-" + h)).hasContent("0");
                    assertThat(home.resolve("login-uid-" + h)).hasContent(ssh.uid(ssh.sudoer));
                }
                assertThat(run.hostLog("web-0")).content()
                        .contains("become: sudo -n as root works")
                        .contains("-> /etc/flotilla-test/x.conf (18 bytes, mode 0640) staged, installed as root through sudo")
                        .contains("(as root, through sudo): running")
                        .contains("crontab installed: " + crontab + " (through sudo)");
                assertThat(crontab).exists();
                assertThat(Files.getOwner(crontab).getName()).as("cron reads only root's files in /etc/cron.d").isEqualTo("root");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(crontab))).isEqualTo("rw-r--r--");
                assertThat(ssh.home(ssh.sudoer).resolve(".flotilla/staging")).as("staged copies are removed").isEmptyDirectory();

                List<Window> windows = d.run().runTest("whoami", null, List.of(), line -> { });
                assertThat(windows).hasSize(2).allSatisfy(win -> assertThat(win.exit()).isZero());
                assertThat(home.resolve("fired-uid-web-0")).as("a test of a become role runs as root").hasContent("0");
                assertThat(d.run().runTest("asme", null, List.of(), line -> { })).hasSize(2).allSatisfy(win -> assertThat(win.exit()).isZero());
                assertThat(home.resolve("login-fired-uid-web-0")).as("a test with become = false runs as the login").content().isNotEqualTo("0\n");

                // push: the login may not read root's 0640 file to compare it; it goes up again through sudo
                w.write("resources/x.conf.ftl", "pushed to ${host.id}\n");
                List<HostPush> pushed = d.run().push(List.of("web"));
                assertThat(pushed).hasSize(2).allSatisfy(p -> assertThat(p.error()).isNull());
                assertThat(x).content().startsWith("pushed to web-");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(x))).isEqualTo("rw-r-----");

                assertThat(d.down().failures()).isEmpty();
                assertThat(crontab).as("the crontab goes at down").doesNotExist();
            } finally {
                Files.deleteIfExists(crontab);
            }
        } finally {
            OpenSshFleet.run("rm", "-rf", etc.toString());
        }
    }

    @Test
    void aSudoThatWantsAPasswordFailsItsHostAtOnceAndTheOthersAreReady() throws Exception {
        try (OpenSshFleet ssh = OpenSshFleet.start(3)) {
            Workspace w = new Workspace(tmp);
            Path conf = w.config("pw.conf", "provider = fixed\nssh.key = \"" + ssh.clientKey + "\"\nfixed.hosts = [\n  "
                    + ssh.host("web", 0, ssh.sudoer) + "\n  " + ssh.host("web", 1, ssh.passworded) + "\n  " + ssh.host("web", 2, ssh.sudoer) + "\n]\n"
                    + "roles.web { become = true, setup = [ \"id -u\" ] }\n"
                    + "tests.noop { roles = [web], duration = 1s, command = \"true\" }\n");
            long start = System.nanoTime();
            Workspace.Result r = w.cli("test", "--config", conf.toString(), "--runs-dir", w.runsDir.toString(), "-q");
            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).contains("sudo needs a password for " + ssh.passworded + " on " + ssh.addresses().get(1));
            var hosts = w.status().hosts();
            assertThat(hosts.stream().filter(h -> h.error() != null && h.error().equals(
                    "sudo needs a password for " + ssh.passworded + " on " + ssh.addresses().get(1))).map(h -> h.host().id()))
                    .containsExactly("web-1");
            assertThat(w.latestRun().hostLog("web-0")).content().contains("READY");
            assertThat(w.latestRun().hostLog("web-2")).content().contains("READY");
            assertThat(seconds).as("no prompt, no hang: well within ssh.command-timeout").isLessThan(30);
        }
    }
}
