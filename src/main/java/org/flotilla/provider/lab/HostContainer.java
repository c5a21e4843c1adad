package org.flotilla.provider.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How any lab host starts: its namespace wired to the lab bridge at its address, the guard in it,
 * and a container of the image that boots through cloud-init from the seed directory it is given
 * (mounted read-only where NoCloud looks), its output (cloud-init's, then sshd's) in the container's
 * log: the host's console.
 */
final class HostContainer {
    private final LabNames names;
    private final Podman podman;
    private final LabNetwork network;
    private final LabGuard guard;

    HostContainer(LabNames names, Podman podman, LabNetwork network, LabGuard guard) {
        this.names = names;
        this.podman = podman;
        this.network = network;
        this.guard = guard;
    }

    /** Starts the host on the bridge's veth {@code veth}; returns once podman has started its container. */
    void start(String id, int veth, String address, String tag, Path seedDir) {
        network.addHost(id, veth, address);
        guard.install(names.hostNamespace(id));
        List<String> run = new ArrayList<>(List.of("run", "--detach", "--name", names.container(id),
                "--hostname", id, "--add-host", id + ":" + address,
                "--network", "ns:" + LabNetwork.path(names.hostNamespace(id)), "--dns", "none",
                "--label", names.label(), "--label", "flotilla.host=" + id,
                // what a cloud VM's root has for VPNs and routing (OpenVPN's tun device), within the host's own namespace
                "--cap-add", "NET_ADMIN", "--device", "/dev/net/tun",
                "--volume", seedDir.toAbsolutePath() + ":" + CloudInitSeed.MOUNT + ":ro"));
        run.addAll(ContainerLimits.ofThisProcess());
        run.addAll(List.of(tag, "/bin/sh", "-c", CloudInitSeed.ENTRY_POINT));
        podman.check(run);
    }
}
