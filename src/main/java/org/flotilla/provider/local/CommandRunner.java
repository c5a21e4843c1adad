package org.flotilla.provider.local;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Starts the local hosts' commands through one small perl process (perl-base is essential on
 * Debian), itself started before the local hosts open any socket. Each spawn of the JVM's own
 * closes, one by one, every descriptor the JVM holds: with a thousand hosts' sockets open that
 * was ~160 ms of system time per command, plus a reaper thread per process. The runner holds
 * no sockets; it forks each command onto three unix sockets to a {@link StdioDoor} and reports
 * its exit code. It ends when the JVM closes its stdin or dies, ending what still runs.
 */
final class CommandRunner implements Closeable {
    private final Path dir;
    private final StdioDoor door;
    private final Process perl;
    private final OutputStream requests;
    private final Map<Long, RunningCommand> running = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile IOException gone; // set once the runner has ended: why
    private volatile boolean closing;

    private CommandRunner(Path dir, StdioDoor door, Process perl) {
        this.dir = dir;
        this.door = door;
        this.perl = perl;
        this.requests = perl.getOutputStream();
        Thread t = new Thread(this::readEvents, "local-host-exits");
        t.setDaemon(true);
        t.start();
    }

    /** Starts the runner: a private directory for its socket, the door, the perl process. */
    static CommandRunner start() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("flotilla-runner-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            StdioDoor door = new StdioDoor(dir.resolve("stdio"));
            String script;
            try (InputStream in = CommandRunner.class.getResourceAsStream("runner.pl")) {
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Process perl = new ProcessBuilder("perl", "-e", script, dir.resolve("stdio").toString())
                    .redirectError(dir.resolve("runner.err").toFile()).start();
            return new CommandRunner(dir, door, perl);
        } catch (IOException e) {
            if (dir != null) deleteTree(dir);
            throw new UncheckedIOException("cannot start the local hosts' command runner (perl)", e);
        }
    }

    /** Runs argv in root with these variables added to the JVM's; a runner already gone gives a command that says so. */
    RunningCommand run(Path root, Map<String, String> env, List<String> argv) {
        long id = ids.incrementAndGet();
        RunningCommand c = new RunningCommand(id, this, door.expect(id));
        running.put(id, c);
        try {
            send(startRequest(id, root, env, argv));
        } catch (IOException e) {
            lose(c, e);
        }
        return c;
    }

    private static Request startRequest(long id, Path root, Map<String, String> env, List<String> argv) throws IOException {
        try {
            Request r = new Request('s').field(Long.toString(id)).field(root.toString()).field(Integer.toString(env.size()));
            env.forEach((k, v) -> r.field(k + "=" + v));
            r.field(Integer.toString(argv.size()));
            argv.forEach(r::field);
            return r;
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    private void lose(RunningCommand c, IOException why) {
        running.remove(c.id());
        door.fail(c.id(), why);
        c.lost(why);
    }

    void kill(long id) {
        try {
            send(new Request('k').field(Long.toString(id)));
        } catch (IOException e) {
            // the runner is gone, and with it every command it could still have ended
        }
    }

    private void send(Request r) throws IOException {
        IOException g = gone;
        if (g != null) throw g;
        synchronized (requests) {
            try {
                requests.write(r.bytes());
                requests.flush();
            } catch (IOException e) {
                throw lostRunner();
            }
        }
    }

    private void readEvents() {
        try (BufferedReader events = new BufferedReader(new InputStreamReader(perl.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = events.readLine()) != null) {
                String[] f = line.split(" ", 3);
                RunningCommand c = running.remove(Long.parseLong(f[1]));
                if (c == null) continue;
                if (f[0].equals("x")) c.ended(Integer.parseInt(f[2]));
                else lose(c, new IOException(f[2]));
            }
        } catch (IOException | RuntimeException e) {
            // ends as the runner does
        }
        IOException why = lostRunner();
        running.values().forEach(c -> lose(c, why));
    }

    /** Why commands can no longer be run: the runner ended (or is being closed). */
    private synchronized IOException lostRunner() {
        if (gone == null) {
            String reason = closing ? "the local hosts are shutting down" : "the local hosts' command runner (perl, pid " + perl.pid() + ") ended";
            try {
                if (!closing && perl.waitFor(1, TimeUnit.SECONDS)) reason += " with exit code " + perl.exitValue();
                String err = closing ? "" : Files.readString(dir.resolve("runner.err")).strip();
                if (!err.isEmpty()) reason += ": " + err;
            } catch (IOException | InterruptedException e) {
                // the reason as far as known
            }
            gone = new IOException(reason);
        }
        return gone;
    }

    @Override
    public void close() {
        closing = true;
        try {
            requests.close(); // the runner ends the commands still running, then itself
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!perl.waitFor(5, TimeUnit.SECONDS)) perl.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            perl.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        door.close();
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system cleans up what is left
        }
    }

    /** A request to the runner: NUL-terminated fields (the only byte no path, variable or argument holds). */
    private static final class Request {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Request(char verb) {
            field(String.valueOf(verb));
        }

        Request field(String value) {
            if (value.indexOf('\0') >= 0) throw new IllegalArgumentException("a NUL byte in a command, path or variable: " + value.replace('\0', '@'));
            bytes.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
            return this;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
