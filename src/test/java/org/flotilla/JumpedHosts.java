package org.flotilla;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real OpenSSH hosts that only a jump host can reach, the shape of a bastion in front of a
 * private subnet: the hosts' sshd lives in a network namespace of its own (only its loopback),
 * and so does the jump host's, which the test's namespace reaches at one address through a
 * listener that hands each connection to `sshd -i` started inside. From where the test runs,
 * the hosts' addresses answer nothing. Logins are key-only, as a user the fixture creates and
 * {@link #close} removes, with everything else (keys, configs, home, logs) under a temp dir.
 */
public final class JumpedHosts implements AutoCloseable {
    /** Inside the hosts' namespace: the same addresses would be refused from the test's own. */
    public static final List<String> HOSTS = List.of("127.0.250.1", "127.0.250.2");
    public static final int HOST_PORT = 2222;
    public static final String JUMP_ADDRESS = "127.0.249.1";

    // Binds in the caller's namespace, then moves itself (and all it starts) to a new one.
    private static final String LAB = """
            import ctypes, os, signal, socket, subprocess, sys, time
            d, jump_address, hosts, port = sys.argv[1], sys.argv[2], sys.argv[3].split(","), int(sys.argv[4])
            listener = socket.socket()
            listener.bind((jump_address, 0))
            listener.listen(64)
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.unshare(0x40000000) != 0:
                sys.exit("unshare(CLONE_NEWNET): " + os.strerror(ctypes.get_errno()))
            subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
            started = []
            def stop(*_):
                for p in started:
                    if p.poll() is None:
                        p.terminate()
                sys.exit(0)
            signal.signal(signal.SIGTERM, stop)
            hosts_log = open(d + "/hosts-sshd.log", "ab")
            started.append(subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", d + "/hosts_config"], stdout=hosts_log, stderr=hosts_log))
            deadline = time.time() + 15
            for h in hosts:
                while True:
                    try:
                        socket.create_connection((h, port), 0.5).close()
                        break
                    except OSError:
                        if time.time() > deadline or started[0].poll() is not None:
                            sys.exit("the hosts' sshd does not listen on " + h)
                        time.sleep(0.05)
            print("ready", listener.getsockname()[1], flush=True)
            jump_log = open(d + "/jump-sshd.log", "ab")
            while True:
                conn, _ = listener.accept()
                started.append(subprocess.Popen(["/usr/sbin/sshd", "-i", "-e", "-f", d + "/jump_config"],
                                                stdin=conn, stdout=conn, stderr=jump_log))
                conn.close()
                started[:] = [p for p in started if p.poll() is None]
            """;

    public final Path dir;
    public final Path clientKey;
    public final String user;
    /** The port the jump host answers on, at {@link #JUMP_ADDRESS}. */
    public final int jumpPort;
    private final Process lab;
    private boolean userAdded;

    private JumpedHosts() throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the jumped hosts need root (network namespaces, sshd, a user); run the tests as root, as .ci/run does");
        }
        dir = Files.createTempDirectory("flotilla-jump-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        user = "fltj" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        Process started = null;
        try {
            clientKey = dir.resolve("id_ed25519");
            OpenSshFleet.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "flotilla-test-client", "-f", clientKey.toString());
            for (String k : List.of("hosts_key", "jump_key")) OpenSshFleet.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve(k).toString());
            Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
            Files.setPosixFilePermissions(dir.resolve("authorized_keys"), PosixFilePermissions.fromString("rw-r--r--"));
            OpenSshFleet.run("useradd", "-m", "-d", home().toString(), "-s", "/bin/sh", user);
            userAdded = true;
            OpenSshFleet.run("usermod", "-p", "*", user);
            String common = """
                    AuthorizedKeysFile %s/authorized_keys
                    AllowUsers %s
                    PubkeyAuthentication yes
                    PasswordAuthentication no
                    KbdInteractiveAuthentication no
                    UsePAM no
                    StrictModes no
                    UseDNS no
                    """.formatted(dir, user);
            StringBuilder hosts = new StringBuilder("Port " + HOST_PORT + "\n");
            for (String h : HOSTS) hosts.append("ListenAddress ").append(h).append('\n');
            Files.writeString(dir.resolve("hosts_config"), hosts + common + """
                    HostKey %s/hosts_key
                    PidFile %s/hosts-sshd.pid
                    MaxStartups 100:30:200
                    Subsystem sftp internal-sftp
                    SetEnv SHLVL=1
                    LogLevel VERBOSE
                    """.formatted(dir, dir));
            Files.writeString(dir.resolve("jump_config"), common + """
                    HostKey %s/jump_key
                    AllowTcpForwarding local
                    PermitOpen %s
                    PermitTTY no
                    ForceCommand /bin/false
                    LogLevel VERBOSE
                    """.formatted(dir, String.join(" ", HOSTS.stream().map(h -> h + ":" + HOST_PORT).toList())));
            Files.createDirectories(Path.of("/run/sshd"));
            Files.writeString(dir.resolve("lab.py"), LAB);
            started = new ProcessBuilder("python3", dir.resolve("lab.py").toString(), dir.toString(), JUMP_ADDRESS,
                    String.join(",", HOSTS), Integer.toString(HOST_PORT))
                    .redirectError(dir.resolve("lab.err").toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (ready == null || !ready.startsWith("ready ")) {
                throw new IOException("the lab did not start: " + Files.readString(dir.resolve("lab.err")) + Files.readString(dir.resolve("hosts-sshd.log")));
            }
            jumpPort = Integer.parseInt(ready.substring("ready ".length()).strip());
            lab = started;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(started);
            removeAll();
            throw e;
        }
    }

    /** Starts the hosts and their jump host; close it in a finally (try-with-resources). */
    public static JumpedHosts start() throws IOException, InterruptedException {
        return new JumpedHosts();
    }

    public Path home() {
        return dir.resolve("home");
    }

    /** The jump host's public key line ("ssh-ed25519 AAAA..."). */
    public String jumpKey() throws IOException {
        return keyOf("jump_key.pub");
    }

    /** The hosts' public key line. */
    public String hostsKey() throws IOException {
        return keyOf("hosts_key.pub");
    }

    private String keyOf(String file) throws IOException {
        String[] parts = Files.readString(dir.resolve(file)).strip().split(" ");
        return parts[0] + " " + parts[1];
    }

    /** What the jump host's sshd logged (VERBOSE: each login). */
    public String jumpLog() throws IOException {
        Path log = dir.resolve("jump-sshd.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The lab's process and everything it started, by their ids; its namespace goes with the last of them. */
    private static void stop(Process lab) {
        if (lab == null) return;
        List<ProcessHandle> all = Stream.concat(lab.descendants(), Stream.of(lab.toHandle())).toList();
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    private void removeAll() {
        if (userAdded) {
            try {
                OpenSshFleet.run("userdel", "-f", user);
            } catch (IOException | InterruptedException ignored) {
                // best effort: the directory still goes
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop(lab);
        removeAll();
    }
}
