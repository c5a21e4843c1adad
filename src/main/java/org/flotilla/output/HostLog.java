package org.flotilla.output;

import org.flotilla.fleet.Host;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunSecrets;
import org.flotilla.fleet.SecretMask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes to runs/&lt;id&gt;/hosts/&lt;host&gt;.log: every step, exit code, stdout and stderr of one host.
 * Each line is appended with one write of its own, so lines from several threads or processes
 * (the daemon, a `run` beside it) never mix, and nothing is held open per host.
 */
public final class HostLog {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private final Run run;

    public HostLog(Run run) {
        this.run = run;
        new RunSecrets(run).mask(); // a host can echo back a secret a template gave it
    }

    public void write(Host host, String message) {
        write(host.id(), message);
    }

    public void write(String hostId, String message) {
        byte[] line = (STAMP.format(Instant.now()) + " " + SecretMask.apply(message) + "\n").getBytes(StandardCharsets.UTF_8);
        Path file = run.hostLog(hostId);
        try {
            try {
                Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (NoSuchFileException e) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the host log " + file, e);
        }
    }
}
