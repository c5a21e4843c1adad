package org.flotilla.provider;

import org.flotilla.Workspace;
import org.flotilla.config.ConfigError;
import org.flotilla.config.ConfigSources;
import org.flotilla.config.Settings;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** `up --hosts FILE`: a parallel-ssh inventory means existing hosts, pushed with the push scenario. */
class HostsFileTest {
    @TempDir
    Path tmp;

    private static final Path PUSH = Path.of("config/scenarios/push.conf").toAbsolutePath();

    @Test
    void aMalformedLineStopsUpNamingFileAndLine() {
        Workspace w = new Workspace(tmp);
        Path hosts = w.write("hosts.txt", """
                # two good hosts, then a bad one
                127.0.0.1:2201
                admin@127.0.0.1:2202

                127.0.0.1:70000
                """);

        Workspace.Result r = w.cli("up", "--config", PUSH.toString(), "--hosts", hosts.toString(), "--runs-dir", w.runsDir.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(hosts + ":5:").contains("70000");
        assertThat(w.runsDir).doesNotExist();

        w.write("hosts.txt", "127.0.0.1 127.0.0.2\n");
        Workspace.Result two = w.cli("up", "--config", PUSH.toString(), "--hosts", hosts.toString(), "--runs-dir", w.runsDir.toString());
        assertThat(two.exit()).isEqualTo(2);
        assertThat(two.err()).contains(hosts + ":1:").contains("one host as [user@]address[:port]");
    }

    @Test
    void everyListedHostIsPushedAndOneThatRefusesTheKeyFailsAlone() throws Exception {
        Workspace w = new Workspace(tmp);
        Settings machines = w.settings(w.config("machines.conf", "roles.machine.count = 3\n"));
        Settings stranger = w.settings(w.config("stranger.conf", "roles.stranger.count = 1\n"));
        Run ours = Run.create(machines.runsDir());
        Run theirs = Run.create(stranger.runsDir().resolve("other"));
        try (FleetDaemon a = FleetDaemon.launch(machines, ours); FleetDaemon b = FleetDaemon.launch(stranger, theirs)) {
            assertThat(a.up().failed()).isEmpty();
            assertThat(b.up().failed()).isEmpty();
            StringBuilder list = new StringBuilder("# three of ours and one that does not know our key\n");
            for (Host h : a.run().fleet().hosts()) list.append("pusher@").append(h.address()).append(':').append(h.port()).append('\n');
            Host refusing = b.run().fleet().host("stranger-0");
            list.append(refusing.address()).append(':').append(refusing.port()).append("   # the stranger\n");
            Path hosts = w.write("hosts.txt", list.toString());
            Settings push = Settings.load(new ConfigSources(PUSH, List.of("runs-dir=\"" + w.runsDir.resolve("push") + "\"",
                    "provider=fixed", "fixed.hosts-file=\"" + hosts + "\"", "ssh.key=\"" + ours.dir().resolve("ssh/id_ed25519") + "\""), Map.of()));
            assertThat(push.role("host").count()).isEqualTo(4);

            Outcome o;
            Run run = Run.create(push.runsDir());
            try (FleetDaemon d = FleetDaemon.launch(push, run)) {
                o = d.up();
                assertThat(d.run().fleet().host("host-0").user()).as("the file's user@ wins").isEqualTo("pusher");
                d.down();
            }

            assertThat(o.ready()).isEqualTo(3);
            assertThat(o.failed()).containsOnlyKeys("host-3");
            assertThat(o.failed().get("host-3")).contains("authentication refused");
            byte[] bin = Files.readAllBytes(Path.of("resources/push/static.bin"));
            for (int i = 0; i < 3; i++) {
                Host h = a.run().fleet().host("machine-" + i);
                Path d = ours.localDir().resolve(h.id()).resolve("flotilla-push/hosts/host-" + i);
                assertThat(d.resolve("static.bin")).hasBinaryContent(bin);
                assertThat(d.resolve("client.conf")).content().contains("address=127.0.0.1", "index=" + i, "port=" + h.port());
                assertThat(d.resolve("logs/sum")).content().startsWith(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bin)));
            }
            a.down();
            b.down();
        }
    }
    /** Parsing only: Settings.load never connects, so a host field that slipped through could not send a packet. */
    private ConfigError refusedAtParse(Workspace w, String hostsFileText) {
        Path hosts = w.write("hosts.txt", hostsFileText);
        Throwable t = catchThrowable(() -> Settings.load(new ConfigSources(PUSH, List.of("runs-dir=\"" + w.runsDir + "\"",
                "provider=fixed", "fixed.hosts-file=\"" + hosts + "\""), Map.of())));
        assertThat(t).as(hostsFileText).isInstanceOf(ConfigError.class);
        return (ConfigError) t;
    }

    @Test
    void addressesThatOpenSshAndJavaReadDifferentlyAreRefusedWithFileAndLine() {
        Workspace w = new Workspace(tmp);
        Path hosts = tmp.resolve("hosts.txt");
        assertThat(refusedAtParse(w, "# OpenSSH: 127.0.0.1, Java: 177.0.0.1\nroot@0177.0.0.1:2222\n"))
                .hasMessageContaining(hosts + ":2:").hasMessageContaining("'0177.0.0.1' is not a plain dotted-quad address")
                .hasMessageContaining("OpenSSH would read it as 127.0.0.1");
        for (String ambiguous : List.of("127.1", "0x7f.0.0.1", "2130706433", "127.0.0.010", "1.2.3.0x4", "256.1.1.1")) {
            assertThat(refusedAtParse(w, ambiguous + "\n")).hasMessageContaining(hosts + ":1:").hasMessageContaining("dotted-quad");
        }
        for (String notAHost : List.of("-oProxyCommand=touch", "a;b.invalid", "host_$(id)", "[1::2::3]:22", "-oProxyCommand=x@h")) {
            assertThat(refusedAtParse(w, notAHost + "\n")).hasMessageContaining(hosts + ":1:");
        }
        Path fine = w.write("fine.txt", "127.0.0.1\nadmin@10.0.0.5:2222\nweb-1.example.internal\n[::1]:22\n[::ffff:127.0.0.1]:22\n");
        Settings s = Settings.load(new ConfigSources(PUSH, List.of("provider=fixed", "fixed.hosts-file=\"" + fine + "\""), Map.of()));
        assertThat(s.fixed().hosts()).extracting(h -> h.address())
                .containsExactly("127.0.0.1", "10.0.0.5", "web-1.example.internal", "::1", "::ffff:127.0.0.1");
    }

    @Test
    void anAddressInFixedHostsIsCheckedTheSameWay() {
        Workspace w = new Workspace(tmp);
        Path conf = w.config("fixed.conf", "provider = fixed\nroles.web {}\nfixed.hosts = [\n  { role = web, address = \"0177.0.0.1\" }\n]\n");
        assertThatThrownBy(() -> w.settings(conf)).isInstanceOf(ConfigError.class)
                .hasMessageContaining(conf + ":6:").hasMessageContaining("fixed.hosts[0].address").hasMessageContaining("dotted-quad");
    }

    @Test
    void aHostsFileWithoutHostsIsRefused() {
        Workspace w = new Workspace(tmp);
        assertThat(refusedAtParse(w, "# only comments\n\n   # and blanks\n")).hasMessageContaining(tmp.resolve("hosts.txt") + ": no hosts");
        Path none = w.config("none.conf", "provider = fixed\nroles.web {}\n");
        assertThatThrownBy(() -> w.settings(none)).isInstanceOf(ConfigError.class).hasMessageContaining("the fixed provider has no hosts");
    }

    @Test
    void aBinaryFileGetsALineNumberAndAHugeLineIsNotEchoedWhole() throws Exception {
        Workspace w = new Workspace(tmp);
        Path hosts = tmp.resolve("hosts.txt");
        Files.write(hosts, new byte[]{'1', '2', '7', '.', '0', '.', '0', '.', '1', '\n', 0x7f, 'E', 'L', 'F', 2, 1, (byte) 0xff, 0, '\n'});
        Workspace.Result binary = w.cli("up", "--config", PUSH.toString(), "--hosts", hosts.toString(), "--runs-dir", w.runsDir.toString());
        assertThat(binary.exit()).as(binary.toString()).isEqualTo(2);
        assertThat(binary.err()).contains(hosts + ":2:").contains("is this a hosts file?");
        assertThat(w.runsDir).doesNotExist();

        w.write("hosts.txt", "127.0.0.1\n" + "x ".repeat(500_000) + "\n");
        Workspace.Result huge = w.cli("up", "--config", PUSH.toString(), "--hosts", hosts.toString(), "--runs-dir", w.runsDir.toString());
        assertThat(huge.exit()).as(huge.toString().substring(0, 300)).isEqualTo(2);
        assertThat(huge.err()).contains(hosts + ":2:").hasSizeLessThan(1000);
        assertThat(w.runsDir).doesNotExist();
    }
}
