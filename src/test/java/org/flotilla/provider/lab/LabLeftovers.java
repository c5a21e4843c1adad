package org.flotilla.provider.lab;

import org.flotilla.config.Settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a lab run leaves on this machine, counted the way an operator would look: containers of
 * the run in the lab's podman, the run's network namespaces, veths and bridges in this
 * namespace, mounts of the run or the lab's storage, processes carrying the run's id (the hosts'
 * relays, the package proxy and its relay: {@link PackageRelay}), and
 * containers' cgroups (podman's libpod-&lt;id&gt; under libpod_parent in each v1 hierarchy).
 */
record LabLeftovers(int containers, int namespaces, int links, int mounts, int relays, int cgroups) {
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

    static LabLeftovers of(Settings settings, String runId) {
        LabNames names = new LabNames(runId);
        Podman podman = new Podman(settings.lab().cacheDir());
        String storage = settings.lab().cacheDir().toAbsolutePath().resolve("podman").toString();
        return new LabLeftovers(podman.containers(names.label()).size(),
                new LabNetwork(names, settings.lab().subnet()).namespaces().size(),
                linksHere(),
                (int) mountPoints().stream().filter(m -> m.contains(runId) || m.startsWith(storage)).count(),
                Relay.of(runId).size(),
                cgroupsHere());
    }

    /** Veths and bridges in this process's network namespace (the lab makes none here: the count must not change). */
    static int linksHere() {
        String veths = Exec.check(List.of("ip", "-o", "link", "show", "type", "veth"), Map.of());
        String bridges = Exec.check(List.of("ip", "-o", "link", "show", "type", "bridge"), Map.of());
        return (int) (veths.lines().count() + bridges.lines().count());
    }

    private static List<String> mountPoints() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(l -> l.split(" ")[4]).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Containers' cgroups on this machine (of any podman: the count must come back to what it was). */
    static int cgroupsHere() {
        int n = 0;
        try (var hierarchies = Files.list(CGROUPS)) {
            for (Path h : hierarchies.toList()) {
                Path parent = h.resolve("libpod_parent");
                if (!Files.isDirectory(parent)) continue;
                try (var dirs = Files.list(parent)) {
                    n += (int) dirs.filter(d -> d.getFileName().toString().startsWith("libpod-")).count();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return n;
    }

    /** What is left beyond what this machine had before (links and cgroups are counted machine-wide). */
    LabLeftovers beyond(LabLeftovers before) {
        return new LabLeftovers(containers, namespaces, links - before.links, mounts, relays, cgroups - before.cgroups);
    }

    static LabLeftovers baseline() {
        return new LabLeftovers(0, 0, linksHere(), 0, 0, cgroupsHere());
    }

    static final LabLeftovers NOTHING = new LabLeftovers(0, 0, 0, 0, 0, 0);
}
