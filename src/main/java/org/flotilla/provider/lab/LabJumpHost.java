package org.flotilla.provider.lab;

import org.flotilla.config.SshJump;
import org.flotilla.ssh.ProvidedJump;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The lab's one door in: a container of the hosts' image at the subnet's second address, with
 * the admin login and a host key Flotilla made (pinned as any host's), and one relay on
 * 127.0.0.1 to its sshd. Every SSH connection of the run goes through it, so the hosts are known
 * by their lab addresses, the ones they reach each other at. The relay's port is kept in
 * runs/&lt;id&gt;/lab/jump.port, where a later process of the run finds it again.
 */
final class LabJumpHost {
    /** Its name among the run's seeds, namespaces and containers: host ids are role-index, never this. */
    static final String ID = "jump";
    /** Its veth on the bridge; the hosts' are v0, v1, ... */
    static final int VETH = -1;
    private final LabNames names;
    private final Podman podman;
    private final HostSeed seed;
    private final String address;
    private final Path portFile;

    LabJumpHost(LabNames names, Podman podman, HostSeed seed, Path labDir, String address) {
        this.names = names;
        this.podman = podman;
        this.seed = seed;
        this.address = address;
        this.portFile = labDir.resolve("jump.port");
    }

    String container() {
        return names.container(ID);
    }

    String namespace() {
        return names.hostNamespace(ID);
    }

    String address() {
        return address;
    }

    /** Starts the relay to the jump host's sshd, its container running; returns the door. */
    ProvidedJump open() {
        int port = Relay.start(names, ID, address);
        try {
            Files.writeString(portFile, port + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + portFile, e);
        }
        return at(port);
    }

    /** The door a process of the run opened earlier; its relay started again if it is gone. */
    ProvidedJump find() {
        Integer port = port();
        if (port != null && Sockets.listeningOnLoopback(port) && !Relay.of(names.runId(), Set.of(ID)).isEmpty()) return at(port);
        if (!podman.containers(names.label()).contains(container())) {
            throw new LabFailure("the lab's jump host " + container() + " is not running (it is the only way in to the hosts); "
                    + "`flotilla down` removes what is left of the run");
        }
        return open();
    }

    private Integer port() {
        try {
            return Files.isRegularFile(portFile) ? Integer.valueOf(Files.readString(portFile).strip()) : null;
        } catch (IOException | NumberFormatException e) {
            return null; // a torn write: the relay is looked for as if no file were there
        }
    }

    private ProvidedJump at(int port) {
        return new ProvidedJump(new SshJump(LabImage.USER, Relay.LOOPBACK, port), seed.hostKey(ID));
    }

    /** Ends the relay and removes the container; either already gone is no error. */
    void close() {
        Relay.stop(names.runId(), Set.of(ID));
        podman.check("rm", "--force", "--ignore", "--time", "0", container());
    }
}
