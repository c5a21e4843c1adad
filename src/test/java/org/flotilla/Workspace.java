package org.flotilla;

import org.flotilla.cli.Cli;
import org.flotilla.config.ConfigSources;
import org.flotilla.config.Settings;
import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A user's working directory for a test: config files, a resources folder and a runs folder
 * under a temp dir, and the CLI run in-process as the user would type it.
 */
public final class Workspace {
    public final Path dir;
    public final Path runsDir;
    public final Path resources;

    public Workspace(Path dir) {
        this.dir = dir;
        this.runsDir = dir.resolve("runs");
        this.resources = dir.resolve("resources");
        try {
            Files.createDirectories(resources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file (config or resource) relative to the workspace. */
    public Path write(String relative, String text) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A config file whose paths point into this workspace, followed by the given HOCON. */
    public Path config(String name, String body) {
        return write(name, "runs-dir = \"" + runsDir + "\"\nresources-dir = \"" + resources + "\"\n" + body);
    }

    public Settings settings(Path config, String... sets) {
        return Settings.load(new ConfigSources(config, List.of(sets), Map.of()));
    }

    public Run latestRun() {
        return Run.open(runsDir, null).orElseThrow(() -> new AssertionError("no run under " + runsDir));
    }

    public RunStatus status() {
        return RunStatus.read(latestRun());
    }

    /** What one CLI invocation printed and returned. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    public Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = new Cli(o, e).run(args);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The command with --runs-dir of this workspace appended. */
    public Result cliInRuns(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--runs-dir");
        all.add(runsDir.toString());
        return cli(all.toArray(String[]::new));
    }
}
