package org.flotilla.provider.ec2;

import org.flotilla.config.LocalSettings;
import org.flotilla.config.RoleSpec;
import org.flotilla.fleet.Host;
import org.flotilla.provider.local.LocalProvider;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real SSH servers on 127.0.0.1 standing in for emulated instances: the address seam maps each
 * instance, the first time it is asked, to the next free local host. Nothing ever reaches the
 * addresses moto made up.
 */
final class LocalLab implements InstanceAddressing, AutoCloseable {
    private final LocalProvider hosts;
    private final List<Host> free = new ArrayList<>();
    private final Map<String, Host> byInstance = new ConcurrentHashMap<>();

    LocalLab(Path dir, int count, PublicKey authorized) throws InterruptedException {
        hosts = new LocalProvider(new LocalSettings("127.0.0.1", Duration.ZERO, Duration.ZERO, "/bin/sh"), dir, "lab", "lab", authorized);
        hosts.launch(new RoleSpec("lab", count, List.of(), List.of(), List.of(), List.of(), Map.of(), org.flotilla.pki.CertificateUse.NONE), count, h -> { });
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (hosts.poll().size() < count) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("local hosts did not boot");
            Thread.sleep(20);
        }
        free.addAll(hosts.poll());
        free.sort(Comparator.comparingInt(Host::index));
    }

    @Override
    public synchronized Optional<Endpoint> of(Instance instance) {
        if (instance.state().name() != InstanceStateName.RUNNING) return Optional.empty();
        Host h = byInstance.computeIfAbsent(instance.instanceId(), id -> free.isEmpty() ? null : free.remove(0));
        return h == null ? Optional.empty() : Optional.of(new Endpoint(h.address(), h.port()));
    }

    /** The local host standing in for an instance, once the seam has mapped it. */
    Optional<Host> hostOf(String instanceId) {
        return Optional.ofNullable(byInstance.get(instanceId));
    }

    /** The host key the stand-in of this instance really has. */
    Optional<PublicKey> keyOf(String instanceId) {
        return hostOf(instanceId).map(h -> hosts.hostKeys(h).get(0));
    }

    Path rootOf(Host labHost, Path dir) {
        return dir.resolve(labHost.id());
    }

    @Override
    public void close() {
        hosts.close();
    }
}
