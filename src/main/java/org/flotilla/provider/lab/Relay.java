package org.flotilla.provider.lab;

import org.flotilla.provider.local.HostProcesses;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;

/**
 * The controller's way to the lab's jump host's sshd: a socat on 127.0.0.1 of this process's namespace
 * that, per connection, enters the lab namespace (nsenter) and connects to the jump host's port 22.
 * It runs in a session of its own, so it outlives this process as the containers do; it carries
 * FLOTILLA_RUN and FLOTILLA_HOST in its environment, so a later `down` finds it (and each
 * connection's children) from the run id.
 */
final class Relay {
    static final String LOOPBACK = "127.0.0.1";
    private static final int ATTEMPTS = 5;

    private Relay() {
    }

    /** Starts the host's relay; returns the loopback port it listens on. */
    static int start(LabNames names, String hostId, String address) {
        String last = "";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freePort();
            Process p = listen(names, hostId, address, LOOPBACK, port);
            if (p.isAlive()) return port;
            last = "ended (exit " + p.exitValue() + ") before it listened within 5 s (port " + port + " taken meanwhile?)";
        }
        throw new LabFailure("the relay of lab host " + hostId + " " + last);
    }

    /**
     * Starts a relay to the host's sshd listening on {@code bind}:{@code port} (an IPv4 address of
     * this process's loopback); the process is alive when it listens, else it has ended.
     */
    static Process listen(LabNames names, String hostId, String address, String bind, int port) {
        String target = "nsenter --net=" + LabNetwork.path(names.labNamespace()) + " socat STDIO TCP\\:" + address + "\\:22";
        return Detached.start(List.of("socat", "TCP-LISTEN:" + port + ",bind=" + bind + ",reuseaddr,fork", "EXEC:" + target),
                null, names.runId(), hostId, null, started -> Sockets.listeningOn(bind, port));
    }

    /** Ends the relays of these hosts (every relay of the run when hostIds is null) and their connections. */
    static void stop(String runId, Set<String> hostIds) {
        HostProcesses.kill(runId, hostIds);
    }

    /** The run's relay processes alive now. */
    static List<ProcessHandle> of(String runId) {
        return HostProcesses.find(runId, null);
    }

    /** The relay processes of these hosts alive now. */
    static List<ProcessHandle> of(String runId, Set<String> hostIds) {
        return HostProcesses.find(runId, hostIds);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new LabFailure("no free port on " + LOOPBACK + ": " + e.getMessage());
        }
    }
}
