package org.flotilla.provider.ec2;

import org.flotilla.FreePorts;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.flotilla.Flotilla;
import org.flotilla.config.ConfigSources;
import org.flotilla.config.Settings;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;
import org.flotilla.provider.lab.CloudLab;
import org.flotilla.ssh.ClientKey;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EC2 rehearsed through the lab: moto's instances are lab hosts booting the lab image in real
 * cloud-init from the instances' own user-data (the built-in one: the login key, the TTL's
 * shutdown), their consoles served to GetConsoleOutput. `up` runs as a process of its own,
 * configures every host, is SIGKILLed; the hosts power themselves off after ec2.ttl and are
 * terminated, as EC2 terminates them; `down` then finds nothing left.
 */
@Tag("lab")
class Ec2ThroughLabTest extends AgainstMoto {
    private static final int HOSTS = 5;
    private static final Duration TTL = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void fiveInstancesBootInCloudInitArePinnedByTheirOwnKeysAndPowerOffAfterTheTtlOnceTheDaemonIsKilled() throws Exception {
        int port = FreePorts.loopback();
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            Ec2Fixture f = new Ec2Fixture(dir, proxy.endpoint(), """
                    roles.client.count = %d
                    roles.client.setup = [ "test -f /var/lib/cloud/instance/boot-finished" ]
                    ssh.port = %d
                    ec2.address = public-ip
                    """.formatted(HOSTS, port));
            Settings settings = Settings.load(ConfigSources.of(f.config));
            PublicKey login = ClientKey.load(dir.resolve("id_ecdsa"), "FLOTILLA_NO_PASSPHRASE").getPublic();
            CloudLab lab = new CloudLab(settings, dir.resolve("cloud"), port);
            Process up = null;
            try (LabInstances instances = new LabInstances(moto.endpoint(), lab)) {
                proxy.rewrite(instances::answer);
                Path out = dir.resolve("up.out");
                up = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                        Flotilla.class.getName(), "up", "--config", f.config.toString(), "--set", "ec2.ttl=" + TTL.toMinutes() + "m")
                        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
                Run run = awaitReady(f, up, out, instances);

                for (RunStatus.HostStatus h : RunStatus.read(run).hosts()) {
                    String instance = h.host().providerId();
                    assertThat(h.host().address()).as("reached at its relay on loopback, never at an address moto made up").startsWith("127.");
                    assertThat(instances.machine(instance)).as("%s is a lab host", instance).isPresent();
                    String log = lab.exec(instance, "cat /var/log/cloud-init.log");
                    assertThat(log).as("cloud-init's log on %s", instance)
                            .contains("Running module ssh ", "Running module runcmd ", "Running module scripts-user ", "Running module keys-to-console ")
                            .contains("Writing to /home/admin/.ssh/authorized_keys");
                    assertThat(lab.exec(instance, "cat /run/cloud-init/result.json")).as("no module failed").contains("\"errors\": []");
                    assertThat(lab.exec(instance, "cat /var/lib/cloud/instance/scripts/runcmd"))
                            .as("the TTL's shutdown, from Flotilla's user-data").contains("'shutdown' '-P' '+3'");
                    assertThat(lab.exec(instance, "cat /home/admin/.ssh/authorized_keys").strip())
                            .as("the one key authorized is the login key, by the user-data").isEqualTo(PublicKeyEntry.toString(login));

                    PublicKey own = PublicKeyEntry.parsePublicKeyEntry(lab.exec(instance, "cat /etc/ssh/ssh_host_ed25519_key.pub").strip())
                            .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
                    assertThat(Files.readString(run.hostLog(h.host().id())))
                            .contains("pinning 1 host key(s) from the console output of " + instance)
                            .contains("host key " + KeyUtils.getFingerPrint(own) + " matches the provider's pin");
                    assertThat(lab.console(instance)).contains("Shutdown scheduled in " + TTL.toMinutes() + " minute(s)");
                }
                assertThat(lab.refused()).as("no packet tried to leave the lab").isZero();

                up.destroyForcibly(); // SIGKILL: nothing of the daemon runs after this
                assertThat(up.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                Map<String, LabInstances.PoweredOff> off = awaitPowerOff(instances);
                System.out.println("ec2 through the lab: after the daemon's SIGKILL, each host powered off this long after it started (ec2.ttl "
                        + TTL.toMinutes() + "m): " + new TreeMap<>(off).values());
                assertThat(off.values()).allSatisfy(p -> {
                    assertThat(p.became()).isEqualTo("terminated");
                    assertThat(p.afterStart()).as("not before the TTL").isGreaterThanOrEqualTo(TTL);
                });
                assertThat(Ec2Fixture.running(moto.endpoint())).as("nothing runs once the TTL is past").isZero();
                assertThat(lab.left()).as("the lab removed each host that powered off").containsEntry("containers", 0);

                Ec2Fixture.Result down = f.cli("down", "--runs-dir", f.runs.toString());
                assertThat(down.code()).as(down.all()).isZero();
                System.out.println("ec2 through the lab: down said: " + down.out().strip().replace("\n", " / "));
                assertThat(down.out()).as("down finds nothing left").contains("terminated 0 instance(s) of run")
                        .contains(HOSTS + " already terminated before `down` (ec2.ttl's self-destruct, or by hand)")
                        .doesNotContain("found only by the run tag").doesNotContain("could not be");
                assertThat(Ec2Fixture.running(moto.endpoint())).isZero();
                assertThat(instances.failures()).isEmpty();
                f.assertNoSecrets(down.all(), Files.readString(out));
            } finally {
                if (up != null) up.destroyForcibly();
                lab.close();
            }
            assertThat(lab.left()).isEqualTo(Map.of("containers", 0, "namespaces", 0, "relays", 0, "mounts", 0, "cgroups", 0));
        }
    }

    private static Run awaitReady(Ec2Fixture f, Process up, Path out, LabInstances instances) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        while (true) {
            Optional<Run> run = Run.open(f.runs, null);
            if (run.isPresent()) {
                RunStatus status = RunStatus.read(run.get());
                if (status.count(HostState.READY) == HOSTS) return run.get();
                assertThat(status.count(HostState.FAILED)).as("up said %s; the cloud: %s", Files.readString(out), instances.failures()).isZero();
            }
            assertThat(up.isAlive()).as("up ended early: %s", Files.readString(out)).isTrue();
            assertThat(System.nanoTime()).as("%d hosts READY within 8 minutes; up said %s; the cloud: %s", HOSTS, Files.readString(out),
                    instances.failures()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Every host powered off: the TTL and at most 4 minutes more (slow boots on a busy machine) after the last one started. */
    private static Map<String, LabInstances.PoweredOff> awaitPowerOff(LabInstances instances) throws InterruptedException {
        long deadline = System.nanoTime() + TTL.plusMinutes(4).toNanos();
        while (instances.poweredOff().size() < HOSTS) {
            assertThat(System.nanoTime()).as("powered off so far: %s; the cloud: %s", instances.poweredOff().keySet(), instances.failures())
                    .isLessThan(deadline);
            Thread.sleep(1000);
        }
        return instances.poweredOff();
    }
}
