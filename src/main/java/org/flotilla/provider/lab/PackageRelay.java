package org.flotilla.provider.lab;

import org.flotilla.provider.local.HostProcesses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The hosts' one way to Debian's packages: a caching proxy (apt-cacher-ng) of the run's own on
 * this machine's loopback, relayed into the lab namespace at the bridge's address, port 3142.
 * The relay is two socats joined by a unix socket in runs/&lt;id&gt;/lab (a file reaches across
 * namespaces where no route does): one listens in the lab namespace, one connects to the proxy
 * here. The lab namespace still has no route out, and the proxy serves only Debian's mirrors.
 * <p>
 * Per run: its processes carry the run's id, `down` ends them with the run's last host (after a
 * SIGKILLed `up` too). The cache under lab.cache-dir/apt outlives runs, so a later run installs
 * from it; one proxy holds it at a time (flock), and a run that finds it held by another running
 * at once caches in a directory of its own rather than share files with a second writer.
 */
final class PackageRelay {
    static final int PORT = 3142;
    /** What the proxy's processes serve (FLOTILLA_HOST): relays of hosts are stopped without them. */
    static final String SERVES = "apt-proxy";
    private static final String SOCKET = "apt-proxy.sock";
    /** flock's exit when the shared cache is held by another run's proxy. */
    private static final int HELD = 75;
    /** apt-cacher-ng 3.7.4 cannot bind ports from 32768 up ("Error resolving address for binding"), the kernel's ephemeral range. */
    private static final int LOWEST_PORT = 20000;
    private static final int PAST_PORT = 32768;
    private static final int ATTEMPTS = 5;
    /**
     * Debian's mirrors (the package's list) and its security archive, fetched from deb.debian.org;
     * ForceManaged refuses every other site, so the proxy is no way out for anything but packages.
     */
    private static final String CONFIG = """
            # Written by Flotilla's lab for its package proxy; rewritten at each run.
            SupportDir: /usr/lib/apt-cacher-ng
            ForeGround: 1
            ForceManaged: 1
            VerboseLog: 1
            UnbufferLogs: 1
            Remap-debrep: file:deb_mirror*.gz /debian ; http://deb.debian.org/debian/
            Remap-secdeb: security.debian.org security.debian.org/debian-security deb.debian.org/debian-security /debian-security cdn-fastly.deb.debian.org/debian-security ; deb.debian.org/debian-security
            """;

    private final LabNames names;
    private final Path shared;
    private final Path labDir;
    private final String gateway;

    /**
     * @param cacheDir lab.cache-dir: the shared cache is its apt/
     * @param labDir   runs/&lt;id&gt;/lab: the relay's socket, and the run's own cache when the shared one is held
     */
    PackageRelay(LabNames names, Path cacheDir, Path labDir, String gateway) {
        this.names = names;
        this.shared = cacheDir.toAbsolutePath().resolve("apt");
        this.labDir = labDir.toAbsolutePath();
        this.gateway = gateway;
    }

    /** What the hosts' apt is told to use. */
    String url() {
        return "http://" + gateway + ":" + PORT;
    }

    /** Starts the proxy and its relay into the lab namespace (made before); returns what the run's report says. */
    String start() {
        if (!HostProcesses.find(names.runId(), Set.of(SERVES)).isEmpty()) return "package proxy: the run's, already running, at " + url();
        try {
            Files.createDirectories(labDir);
            Files.createDirectories(shared);
            Path conf = shared.resolve("conf");
            Files.createDirectories(conf);
            Path tmp = Files.writeString(conf.resolve("acng.conf.tmp-" + names.runId()), CONFIG);
            Files.move(tmp, conf.resolve("acng.conf"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab's package proxy configuration under " + shared, e);
        }
        Path cache = shared;
        int port = proxy(shared, true);
        if (port < 0) {
            cache = labDir.resolve("apt");
            port = proxy(cache, false);
        }
        relay(port);
        return "package proxy apt-cacher-ng on 127.0.0.1:" + port + ", relayed to " + url() + "; cache " + cache
                + (cache == shared ? "" : " (this run's own: another run's proxy holds " + shared + ")");
    }

    /** Starts apt-cacher-ng on a free loopback port; returns the port, or -1 when {@code locked} and another proxy holds the cache. */
    private int proxy(Path cache, boolean locked) {
        String last = "";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freePort();
            List<String> acng = List.of("apt-cacher-ng", "-c", shared.resolve("conf").toString(), "BindAddress=127.0.0.1", "Port=" + port,
                    "CacheDir=" + cache.resolve("cache"), "LogDir=" + cache.resolve("log"), "SocketPath=", "PidFile=");
            List<String> command = locked
                    ? concat(List.of("flock", "--nonblock", "--conflict-exit-code", Integer.toString(HELD), shared.resolve("lock").toString()), acng)
                    : acng;
            Path out = labDir.resolve("apt-proxy.out");
            try {
                Files.createDirectories(cache.resolve("cache"));
                Files.createDirectories(cache.resolve("log"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the package cache " + cache, e);
            }
            Process p = Detached.start(command, labDir, names.runId(), SERVES, out, started -> Sockets.listeningOnLoopback(port));
            if (p.isAlive()) return port;
            if (locked && p.exitValue() == HELD) return -1;
            last = "apt-cacher-ng exited " + p.exitValue() + ": " + Exec.tail(said(out));
        }
        throw new LabFailure("the lab's package proxy did not start (" + last + ")");
    }

    /** The two socats: the unix socket here first, then the listener in the lab namespace that connects to it. */
    private void relay(int port) {
        Path socket = labDir.resolve(SOCKET);
        Path out = labDir.resolve("apt-proxy.out");
        // relative socket paths: the run's directory may be deeper than a socket path may be long
        Process here = Detached.start(List.of("socat", "UNIX-LISTEN:" + SOCKET + ",fork,unlink-early", "TCP:127.0.0.1:" + port),
                labDir, names.runId(), SERVES, out, started -> Files.exists(socket));
        if (!here.isAlive()) throw new LabFailure("the package proxy's relay did not listen on " + socket + ": " + Exec.tail(said(out)));
        String lab = LabNetwork.path(names.labNamespace());
        Process inLab = Detached.start(List.of("nsenter", "--net=" + lab, "socat", "TCP-LISTEN:" + PORT + ",bind=" + gateway + ",reuseaddr,fork",
                "UNIX-CONNECT:" + SOCKET), labDir, names.runId(), SERVES, out, started -> Sockets.listeningIn(started.pid(), PORT));
        if (!inLab.isAlive()) throw new LabFailure("the package proxy's relay did not listen on " + url() + " in " + lab + ": " + Exec.tail(said(out)));
    }

    /** Ends the run's proxy and relay (their connections too). */
    static void stop(String runId) {
        HostProcesses.kill(runId, Set.of(SERVES));
    }

    private static int freePort() {
        for (int i = 0; i < 100; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT, PAST_PORT);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new LabFailure("no free port on 127.0.0.1 between " + LOWEST_PORT + " and " + (PAST_PORT - 1) + " for the package proxy");
    }

    private static String said(Path out) {
        try {
            return Files.exists(out) ? Files.readString(out) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
