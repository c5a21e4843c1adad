package org.flotilla.ssh;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.flotilla.JumpedHosts;
import org.flotilla.Workspace;
import org.flotilla.config.ProviderKind;
import org.flotilla.config.RoleSpec;
import org.flotilla.config.SshJump;
import org.flotilla.daemon.FleetDaemon;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.Outcome;
import org.flotilla.fleet.Run;
import org.flotilla.provider.Provider;
import org.flotilla.provider.Providers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider's own jump host (the lab's seam), against real OpenSSH: with ssh.jump empty, every
 * connection goes through the jump host the provider names, whose key is the one the provider
 * pinned; a jump host offering another key fails every host, as a host with a wrong key would.
 */
@Timeout(180)
class ProvidedJumpTest {
    @TempDir
    Path tmp;

    @Test
    void hostsAreReachedThroughTheProvidersJumpHostWhoseKeyIsPinned() throws Exception {
        try (JumpedHosts lab = JumpedHosts.start()) {
            Run run;
            try (FleetDaemon d = launch(lab, lab.jumpKey())) {
                run = d.run().run();
                Outcome up = d.up();
                assertThat(up.failed()).isEmpty();
                assertThat(up.ready()).isEqualTo(2);
                assertThat(run.hostLog("web-0")).content().contains("reached through jump host " + jump(lab).endpoint());
                String logs = Files.readString(run.hostLog("web-0")) + Files.readString(run.hostLog("web-1"));
                assertThat(logs).containsOnlyOnce("jump host " + jump(lab).endpoint() + ": host key ")
                        .contains("matches the provider's pin");
                assertThat(d.down().failures()).isEmpty();
            }
            assertThat(Files.readString(run.knownHosts())).contains("[" + JumpedHosts.JUMP_ADDRESS + "]:" + lab.jumpPort + " " + lab.jumpKey());
        }
    }

    @Test
    void aJumpHostOfferingAnotherKeyThanThePinnedOneFailsEveryHost() throws Exception {
        try (JumpedHosts lab = JumpedHosts.start()) {
            try (FleetDaemon d = launch(lab, lab.hostsKey())) { // the hosts' key pinned for the jump host: a man in the middle, as far as the run can tell
                Outcome up = d.up();
                assertThat(up.ready()).isZero();
                assertThat(up.failed()).hasSize(2).allSatisfy((host, why) -> assertThat(why)
                        .startsWith("jump host " + jump(lab).endpoint() + ": host key mismatch").contains("but the provider pinned"));
                assertThat(d.down().failures()).isEmpty();
            }
            assertThat(lab.jumpLog()).doesNotContain("Accepted publickey");
        }
    }

    private static SshJump jump(JumpedHosts lab) {
        return new SshJump(lab.user, JumpedHosts.JUMP_ADDRESS, lab.jumpPort);
    }

    /** Fixed hosts behind the fixture's jump host, which the provider (not ssh.jump) names, pinned to {@code pinned}. */
    private FleetDaemon launch(JumpedHosts lab, String pinned) throws Exception {
        StringBuilder hosts = new StringBuilder();
        for (String h : JumpedHosts.HOSTS) {
            hosts.append("  { role = web, address = \"").append(h).append("\", port = ").append(JumpedHosts.HOST_PORT)
                    .append(", user = ").append(lab.user).append(" }\n");
        }
        Workspace w = new Workspace(tmp);
        Path conf = w.config("jump.conf", """
                provider = fixed
                ssh.key = "%s"
                ssh.connect-timeout = 20s
                fixed.hosts = [
                %s]
                roles.web {}
                """.formatted(lab.clientKey, hosts));
        ProvidedJump door = new ProvidedJump(jump(lab), List.of(PublicKeyEntry.parsePublicKeyEntry(pinned)
                .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING)));
        Providers.Factory factory = (settings, run, authorized) -> new WithJump(Providers.create(settings, run, authorized), door);
        return FleetDaemon.launch(w.settings(conf), Run.create(w.runsDir), factory);
    }

    /** The configured provider, naming a jump host of its own. */
    private record WithJump(Provider provider, ProvidedJump door) implements Provider {
        @Override
        public Optional<ProvidedJump> jump() {
            return Optional.of(door);
        }

        @Override
        public void launch(RoleSpec role, int count, Consumer<List<Host>> named) {
            provider.launch(role, count, named);
        }

        @Override
        public List<Host> poll() {
            return provider.poll();
        }

        @Override
        public List<PublicKey> hostKeys(Host host) {
            return provider.hostKeys(host);
        }

        @Override
        public Map<String, String> terminate(List<Host> hosts) {
            return provider.terminate(hosts);
        }

        @Override
        public ProviderKind kind() {
            return provider.kind();
        }

        @Override
        public void close() {
            provider.close();
        }
    }
}
