package org.flotilla.provider.ec2;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.flotilla.config.Ec2Settings;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Vpc;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What instances need before Flotilla can log in: a security group open on port 22 to
 * ec2.ssh-cidr only (the configured ones, or Flotilla's own for that CIDR, created once per VPC
 * and reused by later runs), and the key pair ec2.key-pair, imported from ssh.key when missing.
 */
final class LoginAccess {
    private final Ec2Api api;
    private final Ec2Settings settings;
    private final Consumer<String> note;

    LoginAccess(Ec2Api api, Ec2Settings settings, Consumer<String> note) {
        this.api = api;
        this.settings = settings;
        this.note = note;
    }

    /** The security group ids to launch with. */
    List<String> securityGroups() {
        if (!settings.securityGroups().isEmpty()) return settings.securityGroups();
        String vpc = vpc();
        String name = "flotilla-ssh from " + settings.sshCidr();
        Optional<String> found = groupNamed(name, vpc);
        if (found.isPresent()) return List.of(found.get());
        String id;
        try {
            id = api.call("CreateSecurityGroup", c -> c.createSecurityGroup(b -> b.groupName(name).vpcId(vpc)
                    .description("Flotilla: SSH (22) from " + settings.sshCidr() + " only")).groupId());
        } catch (AwsServiceException e) {
            // A retried call whose first attempt made the group (or another run's, at the same moment)
            if (!"InvalidGroup.Duplicate".equals(Ec2Retries.code(e))) throw e;
            id = groupNamed(name, vpc).orElseThrow(() -> e);
        }
        String group = id;
        try {
            api.call("AuthorizeSecurityGroupIngress", c -> c.authorizeSecurityGroupIngress(b -> b.groupId(group)
                    .ipPermissions(p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(r -> r.cidrIp(settings.sshCidr())))));
        } catch (AwsServiceException e) {
            if (!"InvalidPermission.Duplicate".equals(Ec2Retries.code(e))) throw e;
        }
        note.accept("created security group " + id + " (" + name + ") in " + vpc + "; later runs reuse it");
        return List.of(id);
    }

    private Optional<String> groupNamed(String name, String vpc) {
        List<SecurityGroup> found = api.call("DescribeSecurityGroups", c -> c.describeSecurityGroups(b -> b.filters(
                Filter.builder().name("group-name").values(name).build(),
                Filter.builder().name("vpc-id").values(vpc).build())).securityGroups());
        return found.stream().findFirst().map(SecurityGroup::groupId);
    }

    private String vpc() {
        if (!settings.subnets().isEmpty()) {
            return api.call("DescribeSubnets", c -> c.describeSubnets(b -> b.subnetIds(settings.subnets().get(0))).subnets().get(0).vpcId());
        }
        List<Vpc> vpcs = api.call("DescribeVpcs", c -> c.describeVpcs(b -> b.filters(Filter.builder().name("isDefault").values("true").build())).vpcs());
        if (vpcs.isEmpty()) {
            throw new IllegalArgumentException("ec2.subnets: the region has no default VPC; name a subnet (or ec2.security-groups)");
        }
        return vpcs.get(0).vpcId();
    }

    /** Imports the key pair from the client's public key if EC2 does not know it; empty name: none. */
    void keyPair(PublicKey clientKey) {
        String name = settings.keyPair();
        if (name.isEmpty()) return;
        try {
            api.call("DescribeKeyPairs", c -> c.describeKeyPairs(b -> b.keyNames(name)));
            return;
        } catch (AwsServiceException e) {
            if (!"InvalidKeyPair.NotFound".equals(Ec2Retries.code(e))) throw e;
        }
        String type = org.apache.sshd.common.config.keys.KeyUtils.getKeyType(clientKey);
        if (!type.equals("ssh-rsa") && !type.equals("ssh-ed25519")) {
            throw new IllegalArgumentException("ec2.key-pair: EC2 has no key pair " + name + " and imports only RSA and ED25519 keys, "
                    + "but ssh.key is " + type + " (import one yourself, or leave ec2.key-pair empty: the user-data authorizes ssh.key)");
        }
        String material = PublicKeyEntry.toString(clientKey);
        try {
            api.call("ImportKeyPair", c -> c.importKeyPair(b -> b.keyName(name)
                    .publicKeyMaterial(software.amazon.awssdk.core.SdkBytes.fromUtf8String(material))));
        } catch (AwsServiceException e) {
            // EC2 had none a moment ago: a retried call whose first attempt imported it (the launch checks the key anyway)
            if (!"InvalidKeyPair.Duplicate".equals(Ec2Retries.code(e))) throw e;
        }
        note.accept("imported key pair " + name + " from ssh.key's public key");
    }
}
