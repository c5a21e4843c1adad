package org.flotilla.provider.ec2;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.flotilla.config.ConfigSources;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.ssh.ClientKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * up → configure → down end to end against moto, each emulated instance reached through the
 * address seam at a real SSH server on 127.0.0.1, its host key pinned from the console output.
 */
class Ec2EndToEndTest extends AgainstMoto {
    private static final String ROLES = """
            roles {
              server {
                count = 1
                resources = [ { source = "e2e/server.conf.ftl", dest = "etc/server.conf" } ]
                setup = [ "test -s etc/server.conf" ]
              }
              client {
                count = 19
                after = [server]
                resources = [ { source = "e2e/client.conf.ftl", dest = "etc/client.conf", mode = "0600" } ]
                setup = [ "grep -q '^server=127.0.0.1:' etc/client.conf" ]
              }
            }
            """;

    @Test
    void twentyInstancesAreConfiguredOverSshOnLocalHostsThenDownTerminatesThem(@TempDir Path dir) throws Exception {
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            Ec2Fixture f = fixture(dir, proxy);
            PublicKey client = ClientKey.load(dir.resolve("id_ecdsa"), "FLOTILLA_NO_PASSPHRASE").getPublic();
            try (LocalLab lab = new LocalLab(dir.resolve("lab"), 20, client)) {
                proxy.rewrite(consoleWithHostKey(id -> lab.keyOf(id).orElseThrow()));
                Settings settings = Settings.load(ConfigSources.of(f.config));
                Run run = Run.create(settings.runsDir());
                Outcome outcome;
                Map<String, String> notTerminated;
                try (FleetDaemon daemon = FleetDaemon.launch(settings, run, (s, r, key) -> Ec2Provider.of(s, r, key, lab))) {
                    outcome = daemon.up(true);
                    assertThat(outcome.failed()).isEmpty();
                    assertThat(outcome.ready()).isEqualTo(20);

                    Host server = daemon.run().fleet().hostsOf("server").get(0);
                    Host serverLab = lab.hostOf(server.providerId()).orElseThrow();
                    for (Host h : daemon.run().fleet().hostsOf("client")) {
                        Host stand = lab.hostOf(h.providerId()).orElseThrow();
                        String conf = Files.readString(dir.resolve("lab").resolve(stand.id()).resolve("etc/client.conf"));
                        assertThat(conf).contains("server=127.0.0.1:" + serverLab.port())
                                .contains("me=" + h.id() + " 127.0.0.1:" + stand.port());
                        assertThat(Files.readString(run.hostLog(h.id()))).contains("pinning 1 host key(s) from the console output")
                                .contains("matches the provider's pin");
                    }
                    assertThat(userData(daemon.run().fleet().hosts().get(0).providerId()))
                            .contains("shutdown, -P, \"+240\"").contains(PublicKeyEntry.toString(client));

                    notTerminated = daemon.down().failures();
                }
                assertThat(notTerminated).isEmpty();
                assertThat(Ec2Fixture.running(moto.endpoint())).isZero();
                f.assertNoSecrets();
            }
        }
    }

    @Test
    void upWithoutConfiguringConnectsToNoHostAndConfigureLaterMakesThemReady(@TempDir Path dir) throws Exception {
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            Ec2Fixture f = fixture(dir, proxy);
            PublicKey client = ClientKey.load(dir.resolve("id_ecdsa"), "FLOTILLA_NO_PASSPHRASE").getPublic();
            try (LocalLab lab = new LocalLab(dir.resolve("lab"), 3, client)) {
                proxy.rewrite(consoleWithHostKey(id -> lab.keyOf(id).orElseThrow()));
                Settings settings = Settings.load(new ConfigSources(f.config, List.of("roles.client.count=2"), Map.of()));
                Run run = Run.create(settings.runsDir());
                try (FleetDaemon daemon = FleetDaemon.launch(settings, run, (s, r, key) -> Ec2Provider.of(s, r, key, lab))) {
                    Outcome running = daemon.up(false);
                    assertThat(running.ready()).isEqualTo(3);
                    assertThat(running.failed()).isEmpty();
                    assertThat(proxy.received("GetConsoleOutput")).as("no host was about to be reached").isZero();
                    for (Host h : daemon.run().fleet().hosts()) {
                        assertThat(daemon.run().fleet().state(h.id())).isEqualTo(HostState.BOOTING);
                        assertThat(Files.readString(run.hostLog(h.id()))).contains("not configured (--no-configure)").doesNotContain("reaching");
                    }
                    try (var nothing = Files.list(dir.resolve("lab"))) {
                        assertThat(nothing.filter(d -> Files.exists(d.resolve("etc")))).as("no file reached a local host").isEmpty();
                    }

                    Outcome configured = daemon.run().configure();
                    assertThat(configured.failed()).isEmpty();
                    assertThat(configured.ready()).isEqualTo(3);
                    assertThat(daemon.down().failures()).isEmpty();
                }
            }
        }
    }

    @Test
    void anInstanceTerminatedBehindTheDaemonsBackIsInterruptedAndReplacedByAConfiguredHost(@TempDir Path dir) throws Exception {
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            Ec2Fixture f = fixture(dir, proxy);
            PublicKey client = ClientKey.load(dir.resolve("id_ecdsa"), "FLOTILLA_NO_PASSPHRASE").getPublic();
            try (LocalLab lab = new LocalLab(dir.resolve("lab"), 4, client)) {
                proxy.rewrite(consoleWithHostKey(id -> lab.keyOf(id).orElseThrow()));
                Settings settings = Settings.load(new ConfigSources(f.config, List.of("roles.client.count=2",
                        "provision.replace=true", "provision.watch-interval=100ms"), Map.of()));
                Run run = Run.create(settings.runsDir());
                try (FleetDaemon daemon = FleetDaemon.launch(settings, run, (s, r, key) -> Ec2Provider.of(s, r, key, lab))) {
                    assertThat(daemon.up(true).ready()).isEqualTo(3);
                    Host lost = daemon.run().fleet().host("client-1");
                    terminateBehindTheDaemonsBack(lost.providerId());

                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (daemon.run().fleet().state("client-2") != HostState.READY) {
                        assertThat(System.nanoTime()).as("a READY replacement within 60 s").isLessThan(deadline);
                        assertThat(daemon.run().fleet().state("client-2")).isNotEqualTo(HostState.FAILED);
                        Thread.sleep(50);
                    }
                    assertThat(daemon.run().fleet().state("client-1")).isEqualTo(HostState.INTERRUPTED);
                    assertThat(daemon.run().fleet().error("client-1")).contains(lost.providerId()).contains("without `down`");
                    Host stand = lab.hostOf(daemon.run().fleet().host("client-2").providerId()).orElseThrow();
                    assertThat(dir.resolve("lab").resolve(stand.id()).resolve("etc/client.conf")).content().contains("me=client-2 ");
                    assertThat(Files.readString(run.hostLog("client-1"))).contains("replaced by client-2");
                    org.flotilla.run.Downed down = daemon.down();
                    assertThat(down.failures()).isEmpty();
                    assertThat(down.report()).anySatisfy(line -> assertThat(line).contains("terminated 3 instance(s) of run")
                            .contains("1 already terminated before `down` (ec2.ttl's self-destruct, or by hand): " + lost.providerId()));
                }
                assertThat(Ec2Fixture.running(moto.endpoint())).isZero();
                assertThat(Files.readString(run.journal())).contains("\"state\":\"INTERRUPTED\"");
            }
        }
    }

    private static void terminateBehindTheDaemonsBack(String instanceId) {
        try (Ec2Client c = Ec2Client.builder().region(Region.EU_WEST_1).endpointOverride(moto.endpoint())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build()) {
            c.terminateInstances(b -> b.instanceIds(instanceId));
        }
    }

    @Test
    void aHostOfferingAnotherKeyThanItsConsoleShowsIsRefused(@TempDir Path dir) throws Exception {
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            Ec2Fixture f = fixture(dir, proxy);
            PublicKey client = ClientKey.load(dir.resolve("id_ecdsa"), "FLOTILLA_NO_PASSPHRASE").getPublic();
            PublicKey impostor = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256).getPublic();
            try (LocalLab lab = new LocalLab(dir.resolve("lab"), 1, client)) {
                proxy.rewrite(consoleWithHostKey(id -> impostor));
                Settings settings = Settings.load(new ConfigSources(f.config, List.of("roles.server.count=1", "roles.client.count=0"), Map.of()));
                Run run = Run.create(settings.runsDir());
                try (FleetDaemon daemon = FleetDaemon.launch(settings, run, (s, r, key) -> Ec2Provider.of(s, r, key, lab))) {
                    Outcome outcome = daemon.up(true);
                    assertThat(outcome.ready()).isZero();
                    assertThat(outcome.failed().get("server-0")).contains("host key mismatch").contains("provider pinned "
                            + KeyUtils.getFingerPrint(impostor));
                    assertThat(daemon.down().failures()).isEmpty();
                }
            }
        }
    }

    @Test
    void withTheEmulatorsOwnAddressesNothingIsContactedAndEveryHostSaysWhy(@TempDir Path dir) throws Exception {
        Ec2Fixture f = new Ec2Fixture(dir, moto.endpoint(), "roles.client.count = 3");
        Settings settings = Settings.load(ConfigSources.of(f.config));
        Run run = Run.create(settings.runsDir());
        try (FleetDaemon daemon = FleetDaemon.launch(settings, run)) {
            Outcome outcome = daemon.up(true);
            assertThat(outcome.ready()).isZero();
            assertThat(outcome.failed()).hasSize(3).allSatisfy((host, why) -> assertThat(why)
                    .startsWith("not connecting to 54.").contains("ec2.endpoint is an emulator on loopback"));
            assertThat(daemon.down().failures()).isEmpty();
        }
        assertThat(Ec2Fixture.running(moto.endpoint())).isZero();
    }

    private static Ec2Fixture fixture(Path dir, FaultProxy proxy) throws Exception {
        Ec2Fixture f = new Ec2Fixture(dir, proxy.endpoint(), ROLES);
        Path templates = dir.resolve("resources/e2e");
        Files.createDirectories(templates);
        Files.writeString(templates.resolve("server.conf.ftl"), "listen=${host.address}:${host.port}\nrun=${run.id}\n");
        Files.writeString(templates.resolve("client.conf.ftl"),
                "server=${fleet.server[0].address}:${fleet.server[0].port}\nme=${host.id} ${host.address}:${host.port}\n");
        return f;
    }

    /** moto's console output has no host key block: put the one cloud-init would print there. */
    private static java.util.function.BiFunction<Map<String, String>, String, String> consoleWithHostKey(Function<String, PublicKey> keyOf) {
        return (params, body) -> {
            if (!"GetConsoleOutput".equals(params.get("Action"))) return body;
            String console = "Cloud-init v. 22.4.2 running 'modules:final'\n" + ConsoleHostKeys.BEGIN + "\n"
                    + PublicKeyEntry.toString(keyOf.apply(params.get("InstanceId"))) + " root@ip-10-0-0-1\n"
                    + ConsoleHostKeys.END + "\n";
            String b64 = Base64.getEncoder().encodeToString(console.getBytes(StandardCharsets.UTF_8));
            return body.replaceAll("(?s)<output>.*?</output>", "<output>" + b64 + "</output>");
        };
    }

    private static String userData(String instanceId) {
        try (Ec2Client c = Ec2Client.builder().region(Region.EU_WEST_1).endpointOverride(moto.endpoint())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build()) {
            String b64 = c.describeInstanceAttribute(b -> b.instanceId(instanceId).attribute("userData")).userData().value();
            return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
        }
    }
}
