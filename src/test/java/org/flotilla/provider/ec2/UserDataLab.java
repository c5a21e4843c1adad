package org.flotilla.provider.ec2;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.flotilla.config.LocalSettings;
import org.flotilla.config.RoleSpec;
import org.flotilla.fleet.Host;
import org.flotilla.provider.local.LocalProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Local SSH hosts standing in for emulated instances that accept the key their user-data
 * authorizes, as cloud-init would: each instance, the first time the address seam is asked for
 * it, becomes a host of its own accepting the key of its `ssh_authorized_keys`. So a login
 * succeeds only with the key Flotilla really put in the user-data.
 */
final class UserDataLab implements InstanceAddressing, AutoCloseable {
    private final Path dir;
    private final URI endpoint;
    private final Map<String, LocalProvider> hosts = new ConcurrentHashMap<>();
    private final Map<String, Host> byInstance = new ConcurrentHashMap<>();

    UserDataLab(Path dir, URI endpoint) {
        this.dir = dir;
        this.endpoint = endpoint;
    }

    @Override
    public Optional<Endpoint> of(Instance instance) {
        if (instance.state().name() != InstanceStateName.RUNNING) return Optional.empty();
        Host h = byInstance.computeIfAbsent(instance.instanceId(), this::boot);
        return Optional.of(new Endpoint(h.address(), h.port()));
    }

    /** The key the instance's user-data authorizes (the instances' only way in). */
    PublicKey authorizedKey(String instanceId) {
        String text = userData(instanceId);
        int at = text.indexOf("ssh_authorized_keys:");
        if (at < 0) throw new IllegalStateException("the user-data of " + instanceId + " authorizes no key:\n" + text);
        String line = text.substring(at).lines().skip(1).findFirst().orElseThrow().strip();
        try {
            return PublicKeyEntry.parsePublicKeyEntry(line.substring(line.indexOf('-') + 1).strip())
                    .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the key in the user-data of " + instanceId + ": " + line, e);
        }
    }

    Optional<Host> hostOf(String instanceId) {
        return Optional.ofNullable(byInstance.get(instanceId));
    }

    private Host boot(String instanceId) {
        LocalProvider p = new LocalProvider(new LocalSettings("127.0.0.1", Duration.ZERO, Duration.ZERO, "/bin/sh"),
                dir.resolve(instanceId), "lab", instanceId, authorizedKey(instanceId));
        hosts.put(instanceId, p);
        try {
            p.launch(new RoleSpec("lab", 1, List.of(), List.of(), List.of(), List.of(), Map.of(), org.flotilla.pki.CertificateUse.NONE), 1, named -> { });
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (p.poll().isEmpty()) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("the stand-in of " + instanceId + " did not boot");
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return p.poll().get(0);
    }

    private String userData(String instanceId) {
        try (Ec2Client c = Ec2Client.builder().region(Region.EU_WEST_1).endpointOverride(endpoint)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build()) {
            String b64 = c.describeInstanceAttribute(b -> b.instanceId(instanceId).attribute("userData")).userData().value();
            return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        hosts.values().forEach(LocalProvider::close);
    }
}
