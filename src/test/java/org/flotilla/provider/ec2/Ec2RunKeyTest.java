package org.flotilla.provider.ec2;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.flotilla.config.ConfigSources;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;
import org.flotilla.run.InProcessRun;
import org.flotilla.run.RunContext;
import org.flotilla.ssh.ClientKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without ssh.key, and with no key in ~/.ssh, an EC2 run makes its own key, authorizes it
 * through the instances' user-data and logs in with it; later commands on the run find it.
 */
class Ec2RunKeyTest extends AgainstMoto {
    @TempDir
    Path dir;
    private String home;

    @BeforeEach
    void emptyHome() throws Exception {
        home = System.getProperty("user.home");
        Files.createDirectories(dir.resolve("home"));
        System.setProperty("user.home", dir.resolve("home").toString());
        assertThat(ClientKey.userDefault()).as("no key of the user's can stand in").isEmpty();
    }

    @AfterEach
    void restoreHome() {
        System.setProperty("user.home", home);
    }

    @Test
    void anEc2RunComesUpReadyWithItsOwnKeyAndALaterCommandFindsIt() throws Exception {
        Ec2Fixture f = new Ec2Fixture(dir, moto.endpoint(), "ssh.key = \"\"\nroles.client.count = 2\nroles.client.setup = [ \"true\" ]");
        Settings settings = Settings.load(ConfigSources.of(f.config));
        Run run = Run.create(settings.runsDir());
        Path key = run.dir().resolve("ssh/id_ed25519");
        try (UserDataLab lab = new UserDataLab(dir.resolve("lab"), moto.endpoint())) {
            try (FleetDaemon daemon = FleetDaemon.launch(settings, run, (s, r, authorized) -> Ec2Provider.of(s, r, authorized, lab))) {
                Outcome up = daemon.up(true);
                assertThat(up.failed()).isEmpty();
                assertThat(up.ready()).isEqualTo(2);
            } // the daemon is gone; the instances are not

            assertThat(key).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            KeyPair made = ClientKey.load(key, "FLOTILLA_NO_PASSPHRASE");
            for (RunStatus.HostStatus h : RunStatus.read(run).hosts()) {
                assertThat(KeyUtils.compareKeys(lab.authorizedKey(h.host().providerId()), made.getPublic()))
                        .as("%s's user-data authorizes the run's key", h.host().id()).isTrue();
            }
            byte[] before = Files.readAllBytes(key);

            // a later process: it logs in with the key the run kept, not with a new one
            try (InProcessRun later = new InProcessRun(RunContext.attach(settings, run, (s, r, a) -> Ec2Provider.of(s, r, a, lab), true))) {
                Outcome again = later.configure();
                assertThat(again.failed()).isEmpty();
                assertThat(again.ready()).isEqualTo(2);
                for (Host h : later.fleet().hosts()) assertThat(later.fleet().state(h.id())).isEqualTo(HostState.READY);
            }
            assertThat(Files.readAllBytes(key)).isEqualTo(before);

            Ec2Fixture.Result down = f.cli("down", "--runs-dir", f.runs.toString());
            assertThat(down.code()).as(down.all()).isZero();
            assertThat(Ec2Fixture.running(moto.endpoint())).isZero();
        } finally {
            if (Ec2Fixture.running(moto.endpoint()) > 0) f.cli("down", "--runs-dir", f.runs.toString());
        }
    }

    @Test
    void upNoLongerNeedsAKeyInHomeAndTheUserDataAuthorizesTheRunsKey() throws Exception {
        Ec2Fixture f = new Ec2Fixture(dir, moto.endpoint(), "ssh.key = \"\"");
        Ec2Fixture.Result up = f.cli("up", "--config", f.config.toString(), "--count", "client=1", "--no-configure", "--detach");
        try {
            assertThat(up.code()).as(up.all()).isZero();
            assertThat(up.all()).doesNotContain("no private key");
            Run run = Run.open(f.runs, null).orElseThrow();
            Path pub = run.dir().resolve("ssh/id_ed25519.pub");
            String instance = Ec2Fixture.instances(moto.endpoint()).get(0).instanceId();
            try (UserDataLab lab = new UserDataLab(dir, moto.endpoint())) {
                assertThat(KeyUtils.compareKeys(lab.authorizedKey(instance),
                        ClientKey.load(run.dir().resolve("ssh/id_ed25519"), "FLOTILLA_NO_PASSPHRASE").getPublic())).isTrue();
            }
            assertThat(pub).exists();
        } finally {
            Ec2Fixture.Result down = f.cli("down", "--runs-dir", f.runs.toString());
            assertThat(down.code()).as(down.all()).isZero();
        }
        assertThat(Ec2Fixture.running(moto.endpoint())).isZero();
    }

    @Test
    void aKeyPairWithoutSshKeyIsAConfigErrorNamingTheLine() throws Exception {
        Ec2Fixture f = new Ec2Fixture(dir, moto.endpoint(), "ssh.key = \"\"\nec2.key-pair = mine");
        Ec2Fixture.Result up = f.cli("up", "--config", f.config.toString());
        assertThat(up.code()).isEqualTo(2);
        assertThat(up.err()).contains(f.config + ":").contains("ec2.key-pair: with ssh.key empty every run logs in with a key of its own")
                .contains("set ssh.key to the private key of key pair 'mine'").contains("nothing was launched");
        assertThat(Ec2Fixture.instances(moto.endpoint())).isEmpty();
        assertThat(f.runs).doesNotExist();
    }
}
