package org.flotilla.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * `./flotilla analyze` runs on a JDK 25 or newer when one is installed beside the default java (from the AOT cache the
 * launcher rehearses once per build), on the default java when none is; the report is the same either way.
 */
class AnalyzeJvmIT {
    private static final Path PROJECT = FlotillaCommand.PROJECT;
    private static final Path CLASSIC = PROJECT.resolve("src/test/resources/classic/test1");

    @Test
    void withoutANewerJdkAnalyzeRunsOnTheDefaultJava() throws Exception {
        Path work = Files.createTempDirectory(PROJECT.resolve("target"), "e2e-jvm-");
        Path none = Files.createDirectories(work.resolve("no-jdks"));

        String jvm = analyze(work.resolve("report"), Map.of("FLOTILLA_JDKS", none.toString()));

        assertThat(jvm).startsWith(defaultJavaVersion());
        assertThat(work.resolve("report/classic-bandwidth.csv")).exists();
    }

    @Test
    void aNewerJdkBesideTheDefaultRunsAnalyzeFromItsCacheAndWritesTheSameReport() throws Exception {
        Path jdks = Path.of("/usr/lib/jvm");
        assumeThat(newestMajor(jdks)).as("a JDK 25 or newer under " + jdks).isGreaterThanOrEqualTo(25);
        Path work = Files.createTempDirectory(PROJECT.resolve("target"), "e2e-jvm-");

        String newer = analyze(work.resolve("newer"), Map.of());
        String older = analyze(work.resolve("default"), Map.of("FLOTILLA_JDKS", ""));

        assertThat(Integer.parseInt(newer.split("[.+]")[0])).isGreaterThanOrEqualTo(25);
        assertThat(older).startsWith(defaultJavaVersion());
        assertThat(PROJECT.resolve("target/flotilla-analyze.aot")).as("the AOT cache the launcher rehearsed").isNotEmptyFile();
        assertThat(files(work.resolve("newer"))).isEqualTo(files(work.resolve("default")));
    }

    /** Runs `./flotilla analyze` of the classic fixtures into out; returns the version of the JVM that ran it. */
    private static String analyze(Path out, Map<String, String> env) throws Exception {
        Path gcLog = out.resolveSibling(out.getFileName() + "-gc.log");
        ProcessBuilder pb = new ProcessBuilder("./flotilla", "analyze", CLASSIC.toString(), "--out", out.toString())
                .directory(PROJECT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("FLOTILLA_JAVA_OPTS", "-Xlog:gc+init:file=" + gcLog);
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
        assertThat(said).contains("read 7 logs");
        String log = Files.readString(gcLog);
        int at = log.indexOf("Version: ");
        assertThat(at).as(log).isNotNegative();
        return log.substring(at + "Version: ".length()).split("\\s")[0];
    }

    /** Every report file's content; index.html without the instant it was generated. */
    private static Map<String, String> files(Path report) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(report)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readString(f).replaceAll("Generated \\S+\\.", "Generated ."));
            }
        }
        return out;
    }

    private static String defaultJavaVersion() throws Exception {
        Process p = new ProcessBuilder("java", "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().filter(l -> l.strip().startsWith("java.runtime.version = ")).findFirst().orElseThrow()
                .strip().substring("java.runtime.version = ".length());
    }

    private static int newestMajor(Path jdks) throws IOException {
        if (!Files.isDirectory(jdks)) return 0;
        int newest = 0;
        try (Stream<Path> dirs = Files.list(jdks)) {
            for (Path release : dirs.map(d -> d.resolve("release")).filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(release)) {
                    if (line.startsWith("JAVA_VERSION=\"")) newest = Math.max(newest, Integer.parseInt(line.substring(14).split("[.\"]")[0]));
                }
            }
        }
        return newest;
    }
}
