package org.flotilla.provider.lab;

import org.flotilla.config.LabSettings;
import org.flotilla.config.ProviderKind;
import org.flotilla.config.RoleSpec;
import org.flotilla.fleet.Host;
import org.flotilla.provider.Provider;
import org.flotilla.ssh.ProvidedJump;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Hosts as bare Debian containers on this machine (podman, runc), each in a network namespace
 * of the run's own behind the lab bridge, known by their lab addresses and reached through the
 * lab's jump host, whose relay on 127.0.0.1 is the one way in. Hosts start one
 * after another: on two cores that is faster than starting several at once. They outlive this
 * process; every resource is named from the run id, so `down` from any later process finds it.
 */
public final class LabProvider implements Provider {
    private final LabSettings settings;
    private final LabNames names;
    private final Podman podman;
    private final LabNetwork network;
    private final HostSeed seed;
    private final LinkShaper links;
    /** null when lab.packages.proxy is off */
    private final PackageRelay packages;
    private final LabGuard guard;
    private final LabJumpHost door;
    private final HostContainer containers;
    private final Supplier<PublicKey> authorized;
    private final ExecutorService boots = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lab-boot");
        t.setDaemon(true);
        return t;
    });
    private final Object bootLock = new Object();
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Future<?>> pending = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Map<String, Host> running = new ConcurrentHashMap<>();
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    private final List<String> report = new CopyOnWriteArrayList<>();
    /** What the guard refused in namespaces already removed, by namespace, told when the last host goes. */
    private final Map<String, Long> refused = new ConcurrentHashMap<>();
    private LabImage.Ready image;
    private RuntimeException imageFailure;
    private boolean packagesStarted;
    private RuntimeException packagesFailure;
    /** The door this process opened (null: not yet, or another process did). */
    private volatile ProvidedJump jump;
    private RuntimeException jumpFailure;

    /** @param labDir runs/&lt;id&gt;/lab: the hosts' seeds (host keys, cloud-init's user-data), the package relay's socket */
    public LabProvider(LabSettings settings, String runId, Path labDir, Supplier<PublicKey> authorized) {
        this.settings = settings;
        this.names = new LabNames(runId);
        this.podman = new Podman(settings.cacheDir());
        this.network = new LabNetwork(names, settings.subnet());
        this.packages = settings.packageProxy() ? new PackageRelay(names, settings.cacheDir(), labDir, settings.subnet().gateway()) : null;
        this.seed = new HostSeed(labDir, packages == null ? null : packages.url());
        this.links = new LinkShaper(names, settings.links());
        this.guard = new LabGuard(labDir.resolve("guard.nft"), settings.subnet());
        this.door = new LabJumpHost(names, podman, seed, labDir, settings.subnet().jump());
        this.containers = new HostContainer(names, podman, network, guard);
        this.authorized = authorized;
    }

    @Override
    public void launch(RoleSpec role, int count, Consumer<List<Host>> named) {
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = Host.idOf(role.name(), i);
            hosts.add(Host.named(role.name(), i, names.container(id), LabImage.USER));
        }
        named.accept(hosts); // journaled before anything exists that `down` would have to find
        for (Host host : hosts) {
            int n = next.getAndIncrement();
            pending.put(host.id(), boots.submit(() -> boot(host, n)));
        }
    }

    private void boot(Host host, int n) {
        String tag;
        try {
            tag = image().tag(); // outside the lock: a `down` meanwhile need not wait for a build
        } catch (RuntimeException e) {
            failed.put(host.id(), "lab image: " + e.getMessage());
            pending.remove(host.id());
            return;
        }
        synchronized (bootLock) {
            try {
                if (cancelled.contains(host.id())) return;
                openDoor(tag);
                ensurePackages();
                String address = settings.subnet().host(n);
                start(host.id(), n, address, tag);
                links.shape(host.id(), host.role(), n);
                running.put(host.id(), host.at(address, 22)); // as the other hosts reach it; this process goes through the door
            } catch (RuntimeException e) {
                failed.put(host.id(), "lab host did not start: " + e.getMessage());
            } finally {
                pending.remove(host.id());
            }
        }
    }

    /** A host's (or the jump host's) seed, namespace, guard and container. */
    private void start(String id, int veth, String address, String tag) {
        containers.start(id, veth, address, tag, seed.write(id, authorized.get()));
    }

    /** The lab namespace, its guard and the jump host with its relay, before the first host; one failure fails every host. */
    private void openDoor(String tag) {
        if (jumpFailure != null) throw jumpFailure;
        if (jump != null) return;
        try {
            network.ensureLab();
            guard.install(names.labNamespace());
            start(LabJumpHost.ID, LabJumpHost.VETH, door.address(), tag);
            jump = door.open();
            report.add("lab jump host " + door.container() + " at " + door.address() + ", the one way in: "
                    + jump.endpoint().address() + ":" + jump.endpoint().port());
        } catch (RuntimeException e) {
            jumpFailure = new LabFailure("the lab's jump host did not start: " + e.getMessage());
            throw jumpFailure;
        }
    }

    /** The image, built (or found) once per process, before the first host. */
    private LabImage.Ready image() {
        if (imageFailure != null) throw imageFailure; // one failed build is enough: every host would fail the same way
        if (image == null) {
            try {
                image = LabImage.ensure(settings, podman);
            } catch (RuntimeException e) {
                imageFailure = e;
                throw e;
            }
            report.add("lab image " + image.tag() + (image.built() ? " built in " : " found in the cache in ")
                    + String.format(java.util.Locale.ROOT, "%.1f s", image.took().toMillis() / 1000.0) + " (" + settings.cacheDir() + ")");
        }
        return image;
    }

    /** The package proxy and its relay, started with the lab namespace (a failure is every host's). */
    private void ensurePackages() {
        if (packages == null || packagesStarted) return;
        if (packagesFailure != null) throw packagesFailure;
        try {
            report.add(packages.start());
            packagesStarted = true;
        } catch (RuntimeException e) {
            packagesFailure = new LabFailure("package proxy: " + e.getMessage());
            throw packagesFailure;
        }
    }

    @Override
    public List<Host> poll() {
        return List.copyOf(running.values());
    }

    @Override
    public Map<String, String> gone() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : List.copyOf(failed.keySet())) {
            String why = failed.remove(id);
            if (why != null) out.put(id, why);
        }
        return out;
    }

    @Override
    public List<String> report() {
        return List.copyOf(report);
    }

    @Override
    public List<PublicKey> hostKeys(Host host) {
        return seed.hostKey(host.id());
    }

    /** Every connection of the run goes through the jump host: the one this process opened, or one a process of the run did. */
    @Override
    public Optional<ProvidedJump> jump() {
        ProvidedJump opened = jump;
        return Optional.of(opened != null ? opened : door.find());
    }

    /**
     * Removes the hosts' containers and namespaces; once no host's container is left, the jump
     * host and its relay, the package proxy, the lab namespace (its bridge and veths go with it),
     * and any relay or namespace a process killed mid-launch left behind.
     */
    @Override
    public Map<String, String> terminate(List<Host> hosts) {
        Set<String> ids = hosts.stream().map(Host::id).collect(Collectors.toSet());
        cancelled.addAll(ids);
        ids.forEach(id -> {
            Future<?> f = pending.remove(id);
            if (f != null) f.cancel(false);
        });
        Map<String, String> failures = new LinkedHashMap<>();
        synchronized (bootLock) { // a host booting now finishes first, then goes
            running.keySet().removeAll(ids);
            try {
                if (!ids.isEmpty()) {
                    List<String> rm = new ArrayList<>(List.of("rm", "--force", "--ignore", "--time", "0"));
                    hosts.forEach(h -> rm.add(names.container(h.id())));
                    podman.check(rm);
                }
                refused.putAll(LabGuard.refused(ids.stream().map(names::hostNamespace).toList()));
                ids.forEach(network::removeHost);
                if (podman.containers(names.label()).stream().allMatch(door.container()::equals)) {
                    refused.putAll(LabGuard.refused(network.namespaces()));
                    report.add(LabGuard.verdict(new TreeMap<>(refused), names));
                    refused.clear();
                    door.close();
                    jump = null; // a host launched later (a replacement) opens it again, with the lab namespace
                    PackageRelay.stop(names.runId());
                    packagesStarted = false; // likewise the package proxy
                    Relay.stop(names.runId(), null);
                    network.removeAll();
                }
            } catch (RuntimeException e) {
                ids.forEach(id -> failures.put(id, e.getMessage()));
            }
        }
        return failures;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.LAB;
    }

    /** Stops starting hosts; those running stay, as a cloud's would, until `down`. */
    @Override
    public void close() {
        boots.shutdownNow();
    }
}
