package org.flotilla.provider.lab;

import org.flotilla.config.Settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a lab run leaves on this machine, counted the way an operator would look, and only what is
 * the run's own (another run may use the lab meanwhile): containers of the run in the lab's podman,
 * the run's network namespaces, veths and bridges in this namespace (the lab makes none here; the
 * one machine-wide count, taken beyond a baseline), mounts naming the run or one of its containers,
 * processes carrying the run's id (the hosts' relays, the package proxy and its relay:
 * {@link PackageRelay}), and its containers' cgroups (podman's libpod-&lt;id&gt; under libpod_parent in
 * each v1 hierarchy). The run's containers are known from the lab podman's events, so those already
 * removed are still looked for.
 */
record LabLeftovers(int containers, int namespaces, int links, int mounts, int relays, int cgroups) {
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

    static LabLeftovers of(Settings settings, String runId) {
        LabNames names = new LabNames(runId);
        Podman podman = new Podman(settings.lab().cacheDir());
        Set<String> ids = podman.check("events", "--stream=false", "--filter", "event=create", "--filter", "label=" + names.label(),
                "--format", "{{.ID}}").lines().map(String::strip).filter(id -> !id.isEmpty()).collect(Collectors.toSet());
        return new LabLeftovers(podman.containers(names.label()).size(),
                new LabNetwork(names, settings.lab().subnet()).namespaces().size(),
                linksHere(),
                (int) mountPoints().stream().filter(m -> m.contains(runId) || ids.stream().anyMatch(m::contains)).count(),
                Relay.of(runId).size(),
                cgroupsOf(ids));
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

    /** The cgroups of these containers, in every hierarchy. */
    private static int cgroupsOf(Set<String> containerIds) {
        int n = 0;
        try (var hierarchies = Files.list(CGROUPS)) {
            for (Path h : hierarchies.toList()) {
                for (String id : containerIds) if (Files.isDirectory(h.resolve("libpod_parent").resolve("libpod-" + id))) n++;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return n;
    }

    /** What is left beyond what this machine had before (only links are counted machine-wide). */
    LabLeftovers beyond(LabLeftovers before) {
        return new LabLeftovers(containers, namespaces, links - before.links, mounts, relays, cgroups);
    }

    static LabLeftovers baseline() {
        return new LabLeftovers(0, 0, linksHere(), 0, 0, 0);
    }

    static final LabLeftovers NOTHING = new LabLeftovers(0, 0, 0, 0, 0, 0);
}
