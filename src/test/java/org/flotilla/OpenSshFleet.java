package org.flotilla;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A fleet of real OpenSSH hosts for tests, the shape bench/peers builds: one `sshd` (this
 * machine's /usr/sbin/sshd, run as root) listening on N loopback addresses 127.0.K.1..N (K from
 * 77 up, one per fleet, so fleets of parallel tests do not meet) on a free port, with its own
 * config and host key under a temp dir. Logins are key-only, as two users the fleet creates:
 * {@link #sudoer} (passwordless sudo) and {@link #passworded} (whose sudo wants a password). All
 * of it (users, /etc/sudoers.d entries, the sshd) is removed by {@link #close}.
 */
public final class OpenSshFleet implements AutoCloseable {
    private static final AtomicInteger NEXT_NET = new AtomicInteger(77);

    public final Path dir;
    public final Path clientKey;
    public final Path hostPublicKey;
    public final int port;
    public final String sudoer;
    public final String passworded;
    private final List<String> addresses = new ArrayList<>();
    private final List<Path> sudoers = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    private Process sshd;

    private OpenSshFleet(int hosts) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the OpenSSH fleet needs root (it runs sshd and creates users); run the tests as root, as .ci/run does");
        }
        for (String tool : List.of("/usr/sbin/sshd", "/usr/bin/sudo", "/usr/bin/ssh-keygen")) {
            if (!Files.isExecutable(Path.of(tool))) throw new IllegalStateException(tool + " is missing: apt-get install openssh-server sudo (.ci/run does)");
        }
        int net = NEXT_NET.getAndIncrement();
        for (int i = 1; i <= hosts; i++) addresses.add("127.0." + net + "." + i);
        dir = Files.createTempDirectory("flotilla-sshd-");
        // the users' homes live here: sshd and the users must be able to pass through it
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        sudoer = "flts" + tag;
        passworded = "fltp" + tag;
        try {
            clientKey = dir.resolve("id_ed25519");
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "flotilla-test-client", "-f", clientKey.toString());
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "flotilla-test-host", "-f", dir.resolve("host_ed25519").toString());
            hostPublicKey = dir.resolve("host_ed25519.pub");
            Path authorized = dir.resolve("authorized_keys");
            Files.copy(dir.resolve("id_ed25519.pub"), authorized);
            Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-r--r--"));
            addUser(sudoer, "NOPASSWD: ALL");
            addUser(passworded, "ALL");
            port = FreePorts.on(addresses.get(0));
            StringBuilder conf = new StringBuilder("Port " + port + "\n");
            for (String a : addresses) conf.append("ListenAddress ").append(a).append('\n');
            conf.append("""
                    HostKey %1$s/host_ed25519
                    PidFile %1$s/sshd.pid
                    AuthorizedKeysFile %1$s/authorized_keys
                    AllowUsers %2$s %3$s
                    PermitRootLogin no
                    PubkeyAuthentication yes
                    PasswordAuthentication no
                    KbdInteractiveAuthentication no
                    UsePAM no
                    StrictModes no
                    UseDNS no
                    MaxStartups 200:30:400
                    MaxSessions 100
                    Subsystem sftp internal-sftp
                    SetEnv SHLVL=1 PATH=%1$s/bin:/usr/local/bin:/usr/bin:/bin
                    LogLevel ERROR
                    """.formatted(dir, sudoer, passworded));
            Files.createDirectories(bin());
            Files.writeString(dir.resolve("sshd_config"), conf);
            Files.createDirectories(Path.of("/run/sshd"));
            sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
            awaitListening();
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts sshd on {@code hosts} addresses; close it in a finally (try-with-resources). */
    public static OpenSshFleet start(int hosts) throws IOException, InterruptedException {
        return new OpenSshFleet(hosts);
    }

    public List<String> addresses() {
        return List.copyOf(addresses);
    }

    /** One `fixed.hosts` entry. */
    public String host(String role, int index, String user) {
        return "{ role = " + role + ", address = \"" + addresses.get(index) + "\", port = " + port + ", user = " + user + " }";
    }

    /** known_hosts lines that pin the fleet's host key for every address. */
    public String knownHosts() throws IOException {
        String key = Files.readString(hostPublicKey).strip().split(" ")[0] + " " + Files.readString(hostPublicKey).strip().split(" ")[1];
        StringBuilder b = new StringBuilder();
        for (String a : addresses) b.append('[').append(a).append("]:").append(port).append(' ').append(key).append('\n');
        return b.toString();
    }

    /** First on the logins' PATH: a test puts stand-ins for tools here (a cloud-init that is still running). */
    public Path bin() {
        return dir.resolve("bin");
    }

    public Path home(String user) {
        return dir.resolve("home").resolve(user);
    }

    /** The user's uid, as `id -u` prints it. */
    public String uid(String user) throws IOException, InterruptedException {
        return run("id", "-u", user).strip();
    }

    private void addUser(String user, String rule) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("home"));
        run("useradd", "-m", "-d", home(user).toString(), "-s", "/bin/sh", user);
        users.add(user);
        // not locked ('!'), yet no password logs in: sshd without PAM refuses locked accounts
        run("usermod", "-p", "*", user);
        Path rules = Path.of("/etc/sudoers.d/flotilla-test-" + user);
        Files.writeString(rules, user + " ALL=(ALL) " + rule + "\n");
        sudoers.add(rules);
        Files.setPosixFilePermissions(rules, PosixFilePermissions.fromString("r--r-----"));
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (String a : addresses) {
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(a, port), 500);
                    break;
                } catch (IOException e) {
                    if (!sshd.isAlive() || System.nanoTime() > deadline) {
                        throw new IOException("sshd does not listen on " + a + ":" + port + ": " + Files.readString(dir.resolve("sshd.log")));
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    /** Runs a command of the test's own (not on a host); its output, or an exception naming it. */
    public static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException(String.join(" ", argv) + " exited " + p.exitValue() + ": " + out);
        return out;
    }

    @Override
    public void close() {
        if (sshd != null) {
            sshd.destroy();
            try {
                if (!sshd.waitFor(10, TimeUnit.SECONDS)) sshd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Path rules : sudoers) {
            try {
                Files.deleteIfExists(rules);
            } catch (IOException ignored) {
                // best effort: the next lines still run
            }
        }
        for (String user : users) {
            try {
                run("userdel", "-f", user);
            } catch (IOException | InterruptedException ignored) {
                // best effort
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
