package org.flotilla.provision;

import org.flotilla.Workspace;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A role's files go up together (SFTP requests in flight at once): what a user sees on the hosts and in errors. */
class UploadTest {
    @TempDir
    Path tmp;

    @Test
    void filesLandInNewDeepDirectoriesWithTheirModesAndABlockedPathFailsOnlyItsHost() throws Exception {
        Workspace w = new Workspace(tmp);
        byte[] big = new byte[300 * 1024 + 7]; // several write requests, the last one short
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31 + 7);
        Files.createDirectories(w.resources.resolve("up"));
        Files.write(w.resources.resolve("up/big.bin"), big);
        w.write("resources/up/secret.ftl", "key of ${host.id}\n");
        Settings s = w.settings(w.config("up.conf", """
                roles.box {
                  count = 3
                  resources = [
                    { source = "up/big.bin", dest = "a/b/c/${host.id}/big.bin", mode = "0644" }
                    { source = "up/secret.ftl", dest = "keys/secret", mode = "0600" }
                  ]
                }
                """));
        Run run = Run.create(s.runsDir());
        try (FleetDaemon d = FleetDaemon.launch(s, run)) {
            assertThat(d.up(false).failed()).isEmpty();
            // box-1 already has the secret, readable by everyone: it must end 0600 with new content.
            Path old = run.localDir().resolve("box-1/keys/secret");
            Files.createDirectories(old.getParent());
            Files.writeString(old, "an old and much longer secret than the new one\n");
            Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
            // box-2 has a plain file where a directory must go.
            Files.createDirectories(run.localDir().resolve("box-2"));
            Files.writeString(run.localDir().resolve("box-2/a"), "in the way");

            Outcome o = d.run().configure();

            assertThat(o.failed()).containsOnlyKeys("box-2");
            assertThat(o.failed().get("box-2")).contains("upload of up/big.bin to a/b/c/box-2/big.bin failed");
            for (String host : new String[]{"box-0", "box-1"}) {
                Path root = run.localDir().resolve(host);
                assertThat(Arrays.equals(Files.readAllBytes(root.resolve("a/b/c/" + host + "/big.bin")), big)).as(host + " big.bin").isTrue();
                assertThat(root.resolve("keys/secret")).hasContent("key of " + host);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("keys/secret")))).isEqualTo("rw-------");
                assertThat(d.run().fleet().state(host)).isEqualTo(HostState.READY);
            }
            assertThat(Files.readString(run.hostLog("box-0"))).contains("upload up/big.bin -> a/b/c/box-0/big.bin (307207 bytes, mode 0644)");
            d.down();
        }
    }

    @Test
    void configureOfAHeldFleetPushesTheResourcesAsTheyAreNow() throws Exception {
        Workspace w = new Workspace(tmp);
        w.write("resources/up/plain.txt", "first\n");
        w.write("resources/up/made.ftl", "first for ${host.id}\n");
        Settings s = w.settings(w.config("up.conf", """
                roles.box {
                  count = 2
                  resources = [
                    { source = "up/plain.txt", dest = "etc/plain.txt" }
                    { source = "up/made.ftl", dest = "etc/made.txt" }
                  ]
                }
                """));
        Run run = Run.create(s.runsDir());
        try (FleetDaemon d = FleetDaemon.launch(s, run)) {
            assertThat(d.up().failed()).isEmpty();
            w.write("resources/up/plain.txt", "second\n");
            w.write("resources/up/made.ftl", "second for ${host.id}\n");

            assertThat(d.run().configure().failed()).isEmpty();

            assertThat(run.localDir().resolve("box-1/etc/plain.txt")).hasContent("second");
            assertThat(run.localDir().resolve("box-1/etc/made.txt")).hasContent("second for box-1");
            d.down();
        }
    }
}
