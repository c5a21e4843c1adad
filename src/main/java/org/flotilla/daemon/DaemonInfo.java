package org.flotilla.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flotilla.fleet.Run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/** runs/&lt;id&gt;/daemon.json (mode 0600): how other processes find and talk to a run's daemon. */
public record DaemonInfo(long pid, int port, String token) {
    private static final ObjectMapper JSON = new ObjectMapper();

    void write(Run run) {
        Path tmp = run.dir().resolve("daemon.json.tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, JSON.writeValueAsString(Map.of("pid", pid, "started", startOf(pid),
                    "address", "127.0.0.1", "port", port, "token", token)));
            Files.move(tmp, run.daemonFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.daemonFile(), e);
        }
    }

    /** The run's daemon, if its file exists and its process still lives. */
    public static Optional<DaemonInfo> alive(Run run) {
        if (!Files.isRegularFile(run.daemonFile())) return Optional.empty();
        try {
            JsonNode n = JSON.readTree(run.daemonFile().toFile());
            DaemonInfo info = new DaemonInfo(n.path("pid").asLong(), n.path("port").asInt(), n.path("token").asText());
            // A pid can be reused after a crash: the process must also have started when the daemon did.
            String started = n.path("started").asText("");
            return ProcessHandle.of(info.pid()).filter(ProcessHandle::isAlive)
                    .filter(p -> started.isEmpty() || started.equals(startOf(p.pid())))
                    .map(p -> info);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String startOf(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).map(Object::toString).orElse("");
    }

    static void remove(Run run) {
        try {
            Files.deleteIfExists(run.daemonFile());
        } catch (IOException ignored) {
            // a stale file is harmless: its pid is checked
        }
    }
}
