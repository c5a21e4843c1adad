package org.flotilla.provider.lab;

import org.flotilla.config.LabSettings;
import org.flotilla.config.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The lab standing in for a cloud's machines: each host boots the lab image from the seed a cloud
 * would give it (meta-data, the user-data as its user wrote it, the cloud's vendor-data), in a
 * namespace of its own behind the lab bridge, and is reached from this machine through a relay of
 * its own at a loopback address of its own, all on one port. Its container's log is its console;
 * a host that powers itself off shows as such. Nothing here is Flotilla's run: the lab is the cloud's.
 */
public final class CloudLab implements AutoCloseable {
    /** A host as this machine reaches it (its relay), and when it was started. */
    public record Machine(String id, String address, int port, Instant started) {
    }

    private final LabSettings settings;
    private final Settings all;
    private final LabNames names;
    private final Podman podman;
    private final LabNetwork network;
    private final HostContainer containers;
    private final Path dir;
    private final String loopback;
    private final int port;
    private final Map<String, Machine> machines = new ConcurrentHashMap<>();
    private String tag;

    /** @param port the port every host's relay listens on (each at its own loopback address) */
    public CloudLab(Settings settings, Path dir, int port) {
        this.all = settings;
        this.settings = settings.lab();
        this.names = new LabNames("cloud-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        this.podman = new Podman(this.settings.cacheDir());
        this.network = new LabNetwork(names, this.settings.subnet());
        this.dir = dir.toAbsolutePath();
        LabGuard guard = new LabGuard(this.dir.resolve("guard.nft"), this.settings.subnet());
        this.containers = new HostContainer(names, podman, network, guard);
        // 127.x.y.0/24 of its own: a host's loopback address is how the cloud tells it apart on the one port
        this.loopback = "127." + ThreadLocalRandom.current().nextInt(100, 200) + "." + ThreadLocalRandom.current().nextInt(256) + ".";
        this.port = port;
    }

    /** Builds (or finds) the image and makes the lab namespace with its guard: what every host needs. */
    public synchronized void open() {
        if (tag != null) return;
        tag = LabImage.ensure(settings, podman).tag();
        network.ensureLab();
        new LabGuard(dir.resolve("guard.nft"), settings.subnet()).install(names.labNamespace());
    }

    /** Starts a host booting from this seed; returns once its relay listens (its sshd answers later). */
    public synchronized Machine boot(String id, byte[] userData, String vendorData) {
        open();
        int n = machines.size();
        if (n >= 250) throw new IllegalStateException("a cloud lab holds 250 hosts");
        Path seed = dir.resolve(id);
        try {
            Files.createDirectories(seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CloudInitSeed.write(seed, id, id, userData, vendorData);
        String address = settings.subnet().host(n);
        containers.start(id, n, address, tag, seed);
        String bind = loopback + (n + 1);
        Process relay = Relay.listen(names, id, address, bind, port);
        if (!relay.isAlive()) throw new LabFailure("the relay of " + id + " did not listen on " + bind + ":" + port);
        Machine m = new Machine(id, bind, port, Instant.now());
        machines.put(id, m);
        return m;
    }

    /** What the host printed to its console so far (cloud-init's lines, the host key block, sshd's). */
    public String console(String id) {
        Exec.Result r = podman.run("logs", names.container(id));
        return r.ok() ? r.output() : "";
    }

    /** The hosts whose container has stopped: they powered off. */
    public List<String> poweredOff() {
        String exited = podman.check("ps", "--all", "--filter", "label=" + names.label(), "--filter", "status=exited",
                "--format", "{{.Names}}");
        List<String> off = new ArrayList<>();
        for (String id : machines.keySet()) if (exited.lines().anyMatch(names.container(id)::equals)) off.add(id);
        return off;
    }

    /** Runs a shell command in the host as root, not over SSH: what the host really has, whatever its sshd says. */
    public String exec(String id, String command) {
        return podman.check("exec", names.container(id), "/bin/sh", "-c", command);
    }

    /** Removes a host: its relay, container and namespace. */
    public synchronized void remove(String id) {
        Relay.stop(names.runId(), java.util.Set.of(id));
        podman.check("rm", "--force", "--ignore", "--time", "0", names.container(id));
        network.removeHost(id);
    }

    /** What is left of the lab: containers, namespaces, relays, mounts and cgroups of its own; all 0 after close. */
    public Map<String, Integer> left() {
        LabLeftovers l = LabLeftovers.of(all, names.runId());
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("containers", l.containers());
        out.put("namespaces", l.namespaces());
        out.put("relays", l.relays());
        out.put("mounts", l.mounts());
        out.put("cgroups", l.cgroups());
        return out;
    }

    /** Packets the guard refused in the lab's namespaces, all of them (while the lab is up). */
    public long refused() {
        return LabGuard.refused(network.namespaces()).values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public synchronized void close() {
        Relay.stop(names.runId(), null);
        List<String> all = podman.containers(names.label());
        if (!all.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "--force", "--ignore", "--time", "0"));
            rm.addAll(all);
            podman.check(rm);
        }
        network.removeAll();
    }
}
