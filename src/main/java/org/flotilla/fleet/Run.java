package org.flotilla.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/** One run of a fleet: its id and the directory that holds everything about it. */
public record Run(String id, Path dir) {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    public static Run create(Path runsDir) {
        String id = newId();
        Path dir = runsDir.resolve(id);
        try {
            Files.createDirectories(dir.resolve("hosts"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + dir, e);
        }
        return new Run(id, dir);
    }

    /** A new run's id: its UTC start time and 4 random hex digits (templates may take it apart). */
    public static String newId() {
        byte[] random = new byte[2];
        new SecureRandom().nextBytes(random);
        return ID_TIME.format(Instant.now()) + "-" + HexFormat.of().formatHex(random);
    }

    /** The run with this id, or the latest one when id is null. */
    public static Optional<Run> open(Path runsDir, String id) {
        if (id != null) {
            Path dir = runsDir.resolve(id);
            return Files.isRegularFile(dir.resolve("journal.jsonl")) ? Optional.of(new Run(id, dir)) : Optional.empty();
        }
        if (!Files.isDirectory(runsDir)) return Optional.empty();
        try (Stream<Path> dirs = Files.list(runsDir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("journal.jsonl")))
                    .max(Comparator.comparing(d -> d.getFileName().toString()))
                    .map(d -> new Run(d.getFileName().toString(), d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path journal() {
        return dir.resolve("journal.jsonl");
    }

    public Path hostLog(String hostId) {
        return dir.resolve("hosts").resolve(hostId + ".log");
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    public Path daemonFile() {
        return dir.resolve("daemon.json");
    }

    /** The resolved settings the run was started with. */
    public Path settingsFile() {
        return dir.resolve("settings.conf");
    }

    public Path localDir() {
        return dir.resolve("local");
    }
}
