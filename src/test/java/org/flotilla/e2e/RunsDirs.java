package org.flotilla.e2e;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The runs directories a test made; after the test, passed or failed, every run in them gets a
 * `./flotilla down`, so a failed assertion leaves no daemon or fleet behind (the `finally` of
 * every e2e test that starts one).
 */
final class RunsDirs implements AfterEachCallback {
    private final List<Path> made = new ArrayList<>();

    Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(FlotillaCommand.PROJECT.resolve("target"), prefix);
        made.add(dir);
        return dir;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (Path runs : made) {
            if (!Files.isDirectory(runs)) continue;
            try (Stream<Path> dirs = Files.list(runs)) {
                for (Path run : dirs.filter(d -> Files.isRegularFile(d.resolve("journal.jsonl"))).toList()) down(runs, run);
            }
        }
        made.clear();
    }

    private static void down(Path runs, Path run) throws Exception {
        Process p = new ProcessBuilder("./flotilla", "down", "--run", run.getFileName().toString(), "--runs-dir", runs.toString())
                .directory(FlotillaCommand.PROJECT.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) p.destroyForcibly();
    }
}
