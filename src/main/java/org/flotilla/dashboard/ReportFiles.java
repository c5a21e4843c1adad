package org.flotilla.dashboard;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The run's report as `analyze` wrote it (runs/ID/report/): index.html, its tables and charts. */
final class ReportFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "svg", "image/svg+xml",
            "csv", "text/csv; charset=utf-8",
            "png", "image/png");
    private final Path dir;

    ReportFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    boolean exists() {
        return Files.isRegularFile(dir.resolve("index.html"));
    }

    /** Answers /report/NAME with the report's file of that name; nothing outside the report's folder. */
    void serve(HttpExchange ex, String name) throws IOException {
        Path file = dir.resolve(name.isEmpty() ? "index.html" : name).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
            Responses.text(ex, 404, exists() ? "no such file in the report: " + name + "\n" : "no report yet: `flotilla analyze` writes it\n");
            return;
        }
        String fileName = file.getFileName().toString();
        String ext = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        // tables in wiki and markdown formats are text to read
        Responses.bytes(ex, 200, TYPES.getOrDefault(ext, "text/plain; charset=utf-8"), Files.readAllBytes(file));
    }
}
