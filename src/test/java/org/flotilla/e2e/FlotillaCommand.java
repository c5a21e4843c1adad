package org.flotilla.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** ./flotilla as a user types it in the project directory, on a runs directory of the test's own. */
final class FlotillaCommand {
    static final Path PROJECT = Path.of("").toAbsolutePath();

    private FlotillaCommand() {
    }

    record Result(int exit, String out) {
    }

    static Result flotilla(Path runsDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("./flotilla"));
        command.addAll(List.of(args));
        command.add("--runs-dir");
        command.add(runsDir.toString());
        Process p = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
