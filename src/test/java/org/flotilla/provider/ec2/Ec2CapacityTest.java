package org.flotilla.provider.ec2;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Capacity refusals move the launch on: next zone, next instance type, spot to on-demand. */
class Ec2CapacityTest extends AgainstMoto {
    @Test
    void noCapacityForTheFirstTypeBringsTheRoleUpOnItsSecond(@TempDir Path dir) throws Exception {
        List<Instance> got = launch(dir, "ec2.role-instance-types { client = [c5.large, c5a.large] }",
                p -> "c5.large".equals(p.get("InstanceType")) ? Optional.of(FaultProxy.Fault.NO_CAPACITY) : Optional.empty(),
                "client: on-demand c5.large refused (InsufficientInstanceCapacity); trying on-demand c5a.large", 1);
        assertThat(got).hasSize(6).allSatisfy(i -> assertThat(i.instanceTypeAsString()).isEqualTo("c5a.large"));
    }

    @Test
    void noCapacityInTheFirstZoneMovesToTheNext(@TempDir Path dir) throws Exception {
        List<Instance> got = launch(dir, "ec2.zones = [eu-west-1a, eu-west-1b]",
                p -> "eu-west-1a".equals(p.get("Placement.AvailabilityZone")) ? Optional.of(FaultProxy.Fault.NO_CAPACITY) : Optional.empty(),
                "trying on-demand t3.micro in eu-west-1b", 1);
        assertThat(got).hasSize(6).allSatisfy(i -> assertThat(i.placement().availabilityZone()).isEqualTo("eu-west-1b"));
    }

    @Test
    void spotRefusedWithSpotThenOnDemandGivesOnDemandInstances(@TempDir Path dir) throws Exception {
        List<Instance> got = launch(dir, "ec2.market = spot-then-on-demand",
                p -> "spot".equals(p.get("InstanceMarketOptions.MarketType")) ? Optional.of(FaultProxy.Fault.NO_CAPACITY) : Optional.empty(),
                "spot t3.micro refused (InsufficientInstanceCapacity); trying on-demand t3.micro", 1);
        assertThat(got).hasSize(6).allSatisfy(i -> assertThat(i.instanceLifecycleAsString()).isNull());
    }

    @Test
    void spotGrantedGivesSpotInstances(@TempDir Path dir) throws Exception {
        List<Instance> got = launch(dir, "ec2.market = spot-then-on-demand", p -> Optional.empty(), "EC2 API calls", 0);
        assertThat(got).hasSize(6).allSatisfy(i -> assertThat(i.instanceLifecycleAsString()).isEqualTo("spot"));
    }

    @Test
    void downCancelsTheRunsOpenSpotRequests(@TempDir Path dir) throws Exception {
        Ec2Fixture f = new Ec2Fixture(dir, moto.endpoint(), "ec2.market = spot");
        Ec2Fixture.Result up = f.cli("up", "--config", f.config.toString(), "--count", "client=2", "--no-configure", "--detach");
        assertThat(up.code()).as(up.all()).isZero();
        String run = up.out().substring(4, up.out().indexOf(':'));
        Filter ofRun = Filter.builder().name("tag:" + Ec2Api.RUN_TAG).values(run).build();
        try (Ec2Client ec2 = Ec2Client.builder().region(Region.EU_WEST_1).endpointOverride(moto.endpoint())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build()) {
            // a persistent request of the run, left open (moto makes none for one-time spot launches)
            ec2.requestSpotInstances(b -> b.instanceCount(1).type("persistent")
                    .launchSpecification(l -> l.imageId("ami-12345678").instanceType("t3.micro"))
                    .tagSpecifications(t -> t.resourceType(ResourceType.SPOT_INSTANCES_REQUEST)
                            .tags(Tag.builder().key(Ec2Api.RUN_TAG).value(run).build())));
            assertThat(ec2.describeSpotInstanceRequests(b -> b.filters(ofRun)).spotInstanceRequests()).hasSize(1);

            Ec2Fixture.Result down = f.cli("down", "--runs-dir", f.runs.toString());
            assertThat(down.code()).as(down.all()).isZero();
            assertThat(down.out()).contains("cancelled 1 open spot request(s)");
            assertThat(ec2.describeSpotInstanceRequests(b -> b.filters(ofRun)).spotInstanceRequests())
                    .allSatisfy(r -> assertThat(r.stateAsString()).isIn("cancelled", "closed"));
        }
    }

    @Test
    void noCapacityAnywhereFailsEachHostOfTheRoleUnderItsOwnId(@TempDir Path dir) throws Exception {
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            proxy.faults(p -> "RunInstances".equals(p.get("Action")) ? Optional.of(FaultProxy.Fault.NO_CAPACITY) : Optional.empty());
            Ec2Fixture f = new Ec2Fixture(dir, proxy.endpoint(), "");
            Ec2Fixture.Result up = f.cli("up", "--config", f.config.toString(), "--count", "client=2", "--no-configure", "--detach");
            assertThat(up.code()).as(up.all()).isNotZero();
            assertThat(up.all()).contains("client-0").contains("client-1").contains("launch failed");
            Ec2Fixture.Result status = f.cli("status", "--runs-dir", f.runs.toString());
            assertThat(status.out()).as(status.all()).containsPattern("client-0 .*FAILED .*launch failed")
                    .containsPattern("client-1 .*FAILED .*launch failed");
            f.cli("down", "--runs-dir", f.runs.toString());
        }
    }

    /** Launches 6 clients through the proxy, checks what `up` said and that a refusal was not retried, then `down`. */
    private List<Instance> launch(Path dir, String settings, Function<Map<String, String>, Optional<FaultProxy.Fault>> rule,
                                  String said, int refusals) throws Exception {
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            proxy.faults(rule);
            Ec2Fixture f = new Ec2Fixture(dir, proxy.endpoint(), settings);
            Ec2Fixture.Result up = f.cli("up", "--config", f.config.toString(), "--count", "client=6", "--no-configure", "--detach");
            assertThat(up.code()).as(up.all()).isZero();
            assertThat(up.out()).contains("6 hosts: 6 running").contains(said);
            assertThat(proxy.injected("RunInstances", "InsufficientInstanceCapacity")).as("capacity refusals are not retried").isEqualTo(refusals);
            List<Instance> got = Ec2Fixture.instances(moto.endpoint());
            Ec2Fixture.Result down = f.cli("down", "--runs-dir", f.runs.toString());
            assertThat(down.code()).as(down.all()).isZero();
            assertThat(Ec2Fixture.running(moto.endpoint())).isZero();
            f.assertNoSecrets(up.all(), down.all());
            return got;
        }
    }
}
