package org.flotilla.provider.ec2;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The image from an SSM parameter, Flotilla's SSH-only security group and the imported key pair. */
class Ec2AccessTest extends AgainstMoto {
    private static final String SETTINGS = """
            ec2.image = "/flotilla-test/debian-12"
            ec2.key-pair = flotilla-test
            ec2.ssh-cidr = "203.0.113.7/32"
            """;

    @Test
    void aRunGetsItsImageFromSsmAndAGroupOpenOnlyOnSshAndTheKeyPairAndTheNextRunReusesThem(@TempDir Path dir) throws Exception {
        try (SsmClient ssm = SsmClient.builder().region(Region.EU_WEST_1).endpointOverride(moto.endpoint())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build()) {
            ssm.putParameter(b -> b.name("/flotilla-test/debian-12").value("ami-0f1a7e5c2d3b4a596").type(ParameterType.STRING));
        }
        // EC2 imports RSA and ED25519 keys only
        Path rsa = dir.resolve("id_rsa");
        KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 2048);
        try (OutputStream out = Files.newOutputStream(rsa)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "flotilla-test", null, out);
        }
        Ec2Fixture f = new Ec2Fixture(dir, moto.endpoint(), SETTINGS + "ssh.key = \"" + rsa + "\"\n");
        Ec2Fixture.Result first = f.cli("up", "--config", f.config.toString(), "--count", "client=2", "--no-configure", "--detach");
        assertThat(first.code()).as(first.all()).isZero();
        assertThat(first.out()).contains("imported key pair flotilla-test").contains("(flotilla-ssh from 203.0.113.7/32)");

        try (Ec2Client ec2 = Ec2Client.builder().region(Region.EU_WEST_1).endpointOverride(moto.endpoint())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build()) {
            List<Instance> instances = Ec2Fixture.instances(moto.endpoint());
            assertThat(instances).hasSize(2).allSatisfy(i -> {
                assertThat(i.imageId()).isEqualTo("ami-0f1a7e5c2d3b4a596");
                assertThat(i.keyName()).isEqualTo("flotilla-test");
                assertThat(i.securityGroups()).extracting(g -> g.groupName()).containsExactly("flotilla-ssh from 203.0.113.7/32");
            });
            SecurityGroup group = ec2.describeSecurityGroups(b -> b.filters(Filter.builder().name("group-name")
                    .values("flotilla-ssh from 203.0.113.7/32").build())).securityGroups().get(0);
            assertThat(group.ipPermissions()).singleElement().satisfies(p -> {
                assertThat(p.fromPort()).isEqualTo(22);
                assertThat(p.toPort()).isEqualTo(22);
                assertThat(p.ipRanges()).extracting(r -> r.cidrIp()).containsExactly("203.0.113.7/32");
            });
            String fingerprint = ec2.describeKeyPairs(b -> b.keyNames("flotilla-test")).keyPairs().get(0).keyFingerprint();
            assertThat(fingerprint).isNotBlank();
        }

        Ec2Fixture.Result second = f.cli("up", "--config", f.config.toString(), "--count", "client=1", "--no-configure", "--detach");
        assertThat(second.code()).as(second.all()).isZero();
        assertThat(second.out()).doesNotContain("imported key pair").doesNotContain("created security group");

        for (String run : List.of(runId(first), runId(second))) {
            Ec2Fixture.Result down = f.cli("down", "--runs-dir", f.runs.toString(), "--run", run);
            assertThat(down.code()).as(down.all()).isZero();
        }
        assertThat(Ec2Fixture.running(moto.endpoint())).isZero();
        f.assertNoSecrets(first.all(), second.all());
    }

    @Test
    void callsWhoseAnswerIsLostAreRetriedAndWhatTheirFirstAttemptMadeIsTakenNotMadeTwice(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("id_ed25519");
        KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        try (OutputStream out = Files.newOutputStream(key)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "flotilla-test", null, out);
        }
        Set<String> lost = ConcurrentHashMap.newKeySet();
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            // the first call of each action that makes something lands in moto, and its answer never comes back
            proxy.faults(p -> List.of("ImportKeyPair", "CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "RunInstances").contains(p.get("Action"))
                    && lost.add(p.get("Action")) ? Optional.of(FaultProxy.Fault.LOST_ANSWER) : Optional.empty());
            Ec2Fixture f = new Ec2Fixture(dir, proxy.endpoint(), "ec2.key-pair = flotilla-test\nec2.ssh-cidr = \"203.0.113.7/32\"\nssh.key = \"" + key + "\"\n");
            Ec2Fixture.Result up = f.cli("up", "--config", f.config.toString(), "--count", "client=2", "--no-configure", "--detach");
            try {
                assertThat(up.code()).as(up.all()).isZero();
                assertThat(proxy.injectedByCall()).as("every answer lost once").contains("ImportKeyPair LostAnswer=1", "CreateSecurityGroup LostAnswer=1",
                        "AuthorizeSecurityGroupIngress LostAnswer=1", "RunInstances LostAnswer=1");
                assertThat(up.out()).contains("imported key pair flotilla-test").contains("created security group");
                assertThat(Ec2Fixture.instances(moto.endpoint())).as("launched once, not again on the retry").hasSize(2);
                try (Ec2Client ec2 = Ec2Client.builder().region(Region.EU_WEST_1).endpointOverride(moto.endpoint())
                        .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build()) {
                    assertThat(ec2.describeSecurityGroups(b -> b.filters(Filter.builder().name("group-name")
                            .values("flotilla-ssh from 203.0.113.7/32").build())).securityGroups()).as("one group").singleElement()
                            .satisfies(g -> assertThat(g.ipPermissions()).singleElement());
                }
            } finally {
                if (up.out().startsWith("run ")) {
                    Ec2Fixture.Result down = f.cli("down", "--runs-dir", f.runs.toString(), "--run", runId(up));
                    assertThat(down.code()).as(down.all()).isZero();
                }
            }
        }
        assertThat(Ec2Fixture.running(moto.endpoint())).isZero();
    }

    private static String runId(Ec2Fixture.Result up) {
        return up.out().substring(4, up.out().indexOf(':'));
    }
}
