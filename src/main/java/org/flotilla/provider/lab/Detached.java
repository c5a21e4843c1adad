package org.flotilla.provider.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A lab process that outlives this one (setsid: a session of its own), marked in its environment
 * with the run (FLOTILLA_RUN) and what it serves (FLOTILLA_HOST), so that a later `down` finds it
 * from the run id alone.
 */
final class Detached {
    private Detached() {
    }

    /**
     * Starts the command and waits up to 5 s until {@code ready} holds.
     *
     * @param dir    its working directory; null: this process's
     * @param output where its stdout and stderr go (what it says when it fails); null: nowhere
     * @return the process: alive when ready; else it exited by itself or was ended after 5 s
     */
    static Process start(List<String> command, Path dir, String runId, String serves, Path output, Predicate<Process> ready) {
        List<String> argv = new ArrayList<>(List.of("setsid"));
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir == null ? null : dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true)
                .redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(output.toFile()));
        pb.environment().putAll(Map.of("FLOTILLA_RUN", runId, "FLOTILLA_HOST", serves));
        try {
            Process p = pb.start();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (p.isAlive() && System.nanoTime() < deadline) {
                if (ready.test(p)) return p;
                Thread.sleep(10);
            }
            p.destroyForcibly();
            p.waitFor();
            return p;
        } catch (IOException e) {
            throw new LabFailure("cannot start " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabFailure("interrupted while starting " + command.get(0));
        }
    }
}
