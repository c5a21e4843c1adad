package org.flotilla.provider.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the lab's tools (ip, podman, mmdebstrap), each from an argument list: no shell in between. */
final class Exec {
    private Exec() {
    }

    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    /** Runs the command; its stdout and stderr together. */
    static Result run(List<String> argv, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            throw new LabFailure("cannot run " + argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabFailure(argv.get(0) + " interrupted");
        }
    }

    /** Runs the command and fails naming it and what it said when it exits non-zero. */
    static String check(List<String> argv, Map<String, String> env) {
        Result r = run(argv, env);
        if (!r.ok()) throw new LabFailure(shown(argv) + " exited " + r.exit() + ": " + tail(r.output()));
        return r.output();
    }

    static String check(String... argv) {
        return check(List.of(argv), Map.of());
    }

    /** Runs the command with its output going to a file (a long build's log), failing as {@link #check}. */
    static void logged(List<String> argv, Path log) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            int exit = pb.start().waitFor();
            if (exit != 0) throw new LabFailure(argv.get(0) + " exited " + exit + "; its log: " + log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabFailure(argv.get(0) + " interrupted; its log: " + log);
        }
    }

    /** The command as a message names it: a long one (podman run's) by its first words, what it said matters more. */
    private static String shown(List<String> argv) {
        String all = String.join(" ", argv);
        return all.length() <= 120 ? all : String.join(" ", argv.subList(0, Math.min(3, argv.size()))) + " ...";
    }

    /** The last lines of a tool's output: where it says what went wrong. */
    static String tail(String output) {
        String[] lines = output.strip().split("\\R");
        return String.join(" / ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
    }
}
