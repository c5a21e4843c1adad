package org.flotilla.analysis;

import org.flotilla.analysis.parse.KindDetector;
import org.flotilla.analysis.parse.LogKind;
import org.flotilla.analysis.parse.LogSink;
import org.flotilla.analysis.parse.Origin;
import org.flotilla.analysis.parse.Problems;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Opens a log, tells its kind from its head and parses it by the parser of that kind. A bandwidth
 * log is parsed on from the head that told its kind, so that each of thousands of client logs is
 * opened and read once.
 */
final class LogReader {
    /** A file's kind as its head tells, or why it could not be read; a bandwidth log's figures, parsed. */
    record Scanned(Path file, Optional<LogKind> kind, IOException error, ClientLog clients) {
    }

    /** The year dstat's times leave out when the logs' own time does not tell it (null: each file's last change). */
    private final Integer runYear;
    private final Problems problems;

    LogReader(Integer runYear, Problems problems) {
        this.runYear = runYear;
        this.problems = problems;
    }

    /** Tells the file's kind; parses it too when it is a bandwidth log. */
    Scanned scan(Path file, Origin origin) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = new byte[KindDetector.HEAD];
            int n = in.readNBytes(head, 0, head.length);
            Optional<LogKind> kind = KindDetector.detect(head, n);
            if (kind.isEmpty() || !kind.get().isBandwidth()) return new Scanned(file, kind, null, null);
            ClientLog clients = new ClientLog(origin);
            parse(file, kind.get(), origin, new SequenceInputStream(new ByteArrayInputStream(head, 0, n), in), clients);
            return new Scanned(file, kind, null, clients);
        } catch (IOException e) {
            return new Scanned(file, Optional.empty(), e, null);
        }
    }

    /** Reads a whole file of a known kind into the sink; what cannot be read is a problem of the file. */
    void read(Path file, LogKind kind, Origin origin, LogSink sink) {
        try (InputStream in = Files.newInputStream(file)) {
            parse(file, kind, origin, in, sink);
        } catch (IOException e) {
            problems.file(origin.name(), "cannot read: " + e.getMessage());
        }
    }

    private void parse(Path file, LogKind kind, Origin origin, InputStream in, LogSink sink) {
        try {
            kind.parser(year(file)).parse(origin, in, sink, problems);
        } catch (IOException e) {
            problems.file(origin.name(), "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            // a parser must not let bad input stop the analysis: the file is reported instead
            problems.file(origin.name(), kind.label() + " parser failed: " + e);
        }
    }

    /** The year dstat's times leave out: the run's, else the file's last change. */
    private int year(Path file) {
        if (runYear != null) return runYear;
        try {
            return Files.getLastModifiedTime(file).toInstant().atZone(ZoneOffset.UTC).getYear();
        } catch (IOException e) {
            return LocalDate.now(ZoneOffset.UTC).getYear();
        }
    }
}
