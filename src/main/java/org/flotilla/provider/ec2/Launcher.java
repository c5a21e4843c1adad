package org.flotilla.provider.ec2;

import org.flotilla.config.Ec2Settings;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMarketOptionsRequest;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Launches a role's instances in batches of ec2.batch-size, each RunInstances call all or nothing
 * (MinCount = MaxCount: real EC2 and moto agree on that). A capacity refusal moves to the next
 * placement; the instances of each call are handed on as soon as it returns.
 */
final class Launcher {
    private final Ec2Api api;
    private final Ec2Settings settings;
    private final String runId;
    private final Consumer<String> note;
    private int calls;

    /** @param note where "capacity refused, moving on" goes (the run's terminal and log) */
    Launcher(Ec2Api api, Ec2Settings settings, String runId, Consumer<String> note) {
        this.api = api;
        this.settings = settings;
        this.runId = runId;
        this.note = note;
    }

    /** Launches count instances of the role; {@code launched} gets each call's instances before the next call. */
    void launch(String role, int count, String image, String userData, List<String> securityGroups,
                Consumer<List<Instance>> launched) {
        List<Placement> placements = Placement.of(settings, role);
        int at = 0;
        int remaining = count;
        while (remaining > 0) {
            int n = Math.min(settings.batchSize(), remaining);
            Placement p = placements.get(at);
            try {
                List<Instance> got = api.runInstances(request(role, n, image, userData, securityGroups, p));
                if (got.isEmpty()) throw new IllegalStateException("RunInstances returned no instances for " + n + " asked");
                launched.accept(got);
                remaining -= got.size();
            } catch (AwsServiceException e) {
                if (!Ec2Retries.CAPACITY.contains(Ec2Retries.code(e))) throw e;
                if (++at >= placements.size()) {
                    throw new IllegalStateException("no capacity for " + remaining + " more " + role + " instances: tried "
                            + placements + "; last answer " + Ec2Api.describe(e), e);
                }
                note.accept(role + ": " + p + " refused (" + Ec2Retries.code(e) + "); trying " + placements.get(at));
            }
        }
    }

    /** Instances and their volumes carry the run's tags; so do spot requests, which `down` cancels by that tag. */
    private static List<TagSpecification> tagged(List<Tag> tags, boolean spot) {
        List<TagSpecification> specs = new ArrayList<>();
        specs.add(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tags).build());
        specs.add(TagSpecification.builder().resourceType(ResourceType.VOLUME).tags(tags).build());
        if (spot) specs.add(TagSpecification.builder().resourceType(ResourceType.SPOT_INSTANCES_REQUEST).tags(tags).build());
        return specs;
    }

    private RunInstancesRequest request(String role, int n, String image, String userData, List<String> securityGroups, Placement p) {
        List<Tag> tags = new ArrayList<>();
        tags.add(Tag.builder().key(Ec2Api.RUN_TAG).value(runId).build());
        tags.add(Tag.builder().key(Ec2Api.ROLE_TAG).value(role).build());
        // Name=<run>-<role>: a per-instance <n> would cost one CreateTags call per instance;
        // the journal maps each host id to its instance id instead.
        tags.add(Tag.builder().key("Name").value(runId + "-" + role).build());
        settings.tags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        var b = RunInstancesRequest.builder()
                .imageId(image)
                .instanceType(p.type())
                .minCount(n)
                .maxCount(n)
                .userData(userData)
                .instanceInitiatedShutdownBehavior(ShutdownBehavior.TERMINATE)
                // the same token makes a retried call (timeout, broken connection) not launch twice
                .clientToken(runId + "-" + role + "-" + (++calls))
                .tagSpecifications(tagged(tags, p.spot()));
        if (p.subnet() != null) b.subnetId(p.subnet());
        if (p.zone() != null) b.placement(pl -> pl.availabilityZone(p.zone()));
        if (!securityGroups.isEmpty()) b.securityGroupIds(securityGroups);
        if (!settings.keyPair().isEmpty()) b.keyName(settings.keyPair());
        if (p.spot()) {
            b.instanceMarketOptions(InstanceMarketOptionsRequest.builder().marketType(MarketType.SPOT)
                    .spotOptions(s -> {
                        s.spotInstanceType(SpotInstanceType.ONE_TIME);
                        if (!settings.maxPrice().isEmpty()) s.maxPrice(settings.maxPrice());
                    }).build());
        }
        return b.build();
    }
}
