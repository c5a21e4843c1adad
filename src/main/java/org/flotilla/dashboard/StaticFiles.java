package org.flotilla.dashboard;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The page's own files, from the jar: nothing is fetched from anywhere else. */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png");
    /** Where each served path prefix is in the jar. */
    private final Map<String, String> roots;

    StaticFiles(Map<String, String> roots) {
        this.roots = roots;
    }

    /** Answers the file at {@code path} ("/static/app.js"); 404 for anything else. */
    void serve(HttpExchange ex, String path) throws IOException {
        for (var root : roots.entrySet()) {
            if (!path.startsWith(root.getKey()) || path.contains("..")) continue;
            String name = root.getValue() + path.substring(root.getKey().length());
            try (InputStream in = StaticFiles.class.getResourceAsStream(name)) {
                if (in == null) continue;
                String ext = name.substring(name.lastIndexOf('.') + 1);
                Responses.bytes(ex, 200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes());
                return;
            }
        }
        Responses.text(ex, 404, "no such file: " + path + "\n");
    }
}
