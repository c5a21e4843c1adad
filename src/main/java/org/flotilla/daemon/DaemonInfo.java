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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * runs/&lt;id&gt;/daemon.json (mode 0600): how other processes find and talk to a run's daemon.
 *
 * @param dashboard the dashboard's address (https://...), or null when it serves none
 */
public record DaemonInfo(long pid, int port, String token, String dashboard) {
    private static final ObjectMapper JSON = new ObjectMapper();

    void write(Run run) {
        Path tmp = run.dir().resolve("daemon.json.tmp");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("pid", pid);
        ProcessStart.ticks(pid).ifPresent(t -> doc.put("start-ticks", t));
        doc.put("started", ProcessHandle.current().info().startInstant().map(Object::toString).orElse(""));
        doc.put("address", "127.0.0.1");
        doc.put("port", port);
        doc.put("token", token);
        if (dashboard != null) doc.put("dashboard", dashboard);
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, JSON.writeValueAsString(doc));
            Files.move(tmp, run.daemonFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.daemonFile(), e);
        }
    }

    /** The run's daemon, if its file exists and the process it names is that daemon, alive. */
    public static Optional<DaemonInfo> alive(Run run) {
        Look look = look(run);
        return look.state() == Look.State.ALIVE ? Optional.of(look.daemon()) : Optional.empty();
    }

    /**
     * What daemon.json's process is now. ALIVE when its pid runs with the kernel start time the
     * daemon wrote, or it answers a check-in on the control address with the token; GONE when no
     * such process runs (or the pid now belongs to a process that started at another tick);
     * UNSURE when the pid lives but neither proof is at hand: that process may hold the fleet.
     */
    public static Look look(Run run) {
        if (!Files.isRegularFile(run.daemonFile())) return Look.GONE;
        JsonNode n;
        try {
            n = JSON.readTree(run.daemonFile().toFile());
        } catch (IOException e) {
            return Look.GONE; // a file cut by a crash before its atomic move cannot happen; one edited by hand names no daemon
        }
        DaemonInfo info = new DaemonInfo(n.path("pid").asLong(), n.path("port").asInt(), n.path("token").asText(),
                n.path("dashboard").asText(null));
        if (ProcessHandle.of(info.pid()).filter(ProcessHandle::isAlive).isEmpty()) return Look.GONE;
        OptionalLong now = ProcessStart.ticks(info.pid());
        if (n.has("start-ticks") && now.isPresent() && n.path("start-ticks").asLong() == now.getAsLong()) {
            return new Look(Look.State.ALIVE, info);
        }
        if (checksIn(info, run)) return new Look(Look.State.ALIVE, info);
        if (n.has("start-ticks") && now.isPresent()) return Look.GONE; // the pid was reused by another process
        return new Look(Look.State.UNSURE, info);
    }

    /** The daemon answers a ping with its token and names this run. */
    private static boolean checksIn(DaemonInfo info, Run run) {
        if (info.port() <= 0 || info.token().isEmpty()) return false;
        try {
            return run.id().equals(new ControlClient(info).ping(Duration.ofSeconds(3)).path("run").asText());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** daemon.json's process as {@link #look} found it. */
    public record Look(State state, DaemonInfo daemon) {
        static final Look GONE = new Look(State.GONE, null);

        public enum State { ALIVE, GONE, UNSURE }
    }

    static void remove(Run run) {
        try {
            Files.deleteIfExists(run.daemonFile());
        } catch (IOException ignored) {
            // a stale file is harmless: its pid and start are checked
        }
    }
}
