package org.flotilla.analysis;

import org.flotilla.analysis.parse.KindDetector;
import org.flotilla.analysis.parse.LogKind;
import org.flotilla.analysis.parse.LogSink;
import org.flotilla.analysis.parse.Origin;
import org.flotilla.analysis.parse.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of mutated copies of the real fixtures: bytes flipped, lines dropped, doubled, cut,
 * swapped, numbers turned to words, binary and endless lines inserted. Every parser must take every
 * one without an exception (each is also read by the parser of the kind it was detected as), and
 * the damage must show up as counted problems. Seeded: a failure names the seed and the case.
 */
class FuzzTest {
    private static final long SEED = 20261124L;
    private static final int CASES = 5000;

    @TempDir
    Path tmp;

    @Test
    void mutatedLogsNeverThrowAndTheirProblemsAreCounted() throws IOException {
        List<Path> fixtures = fixtures();
        Random random = new Random(SEED);
        long problems = 0;
        int damaged = 0;
        for (int n = 0; n < CASES; n++) {
            Path source = fixtures.get(random.nextInt(fixtures.size()));
            byte[] original = Files.readAllBytes(source);
            byte[] mutated = mutate(original, random);
            Optional<LogKind> original_kind = KindDetector.detect(source);
            Path file = tmp.resolve("case");
            Files.write(file, mutated);
            Optional<LogKind> detected = KindDetector.detect(file);
            for (Optional<LogKind> kind : List.of(original_kind, detected)) {
                if (kind.isEmpty()) continue;
                Problems p = new Problems();
                String what = "case " + n + " (seed " + SEED + ", " + source + " as " + kind.get() + ")";
                try {
                    kind.get().parser(2026).parse(new Origin(file, "case-" + n, null, "h", null, null),
                            new ByteArrayInputStream(mutated), new LogSink() { }, p);
                } catch (Exception e) {
                    throw new AssertionError(what + " threw " + e, e);
                }
                problems += p.count();
                if (p.count() > 0) damaged++;
            }
        }
        assertThat(problems).as("mutations are seen as problems").isGreaterThan(CASES / 2);
        assertThat(damaged).isGreaterThan(CASES / 3);
    }

    @Test
    void aFolderOfMutatedLogsIsAnalyzedWholeAndEveryProblemListed() throws IOException {
        List<Path> fixtures = fixtures();
        Random random = new Random(SEED + 1);
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        for (int n = 0; n < 200; n++) {
            Path source = fixtures.get(random.nextInt(fixtures.size()));
            Path host = Files.createDirectories(logs.resolve("client/client-" + n));
            Files.write(host.resolve(source.getFileName()), mutate(Files.readAllBytes(source), random));
        }
        Findings f = new Analysis(logs, List.of(), List.of(), null).run();
        int known = f.files().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(known + f.problems().ignored().size()).as("every file is either read or listed").isGreaterThanOrEqualTo(200);
        assertThat(f.problems().count()).isPositive();
        assertThat(f.problems().byFile()).allSatisfy(fp -> assertThat(fp.first()).hasSizeLessThanOrEqualTo(Problems.SHOWN_PER_FILE));
        assertThat(f.problems().byFile()).noneMatch(fp -> fp.first().stream().anyMatch(p -> p.message().contains("parser failed")));
    }

    private static List<Path> fixtures() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : new String[]{"src/test/resources/fixtures", "src/test/resources/classic"}) {
            try (Stream<Path> walk = Files.walk(Path.of(dir))) {
                walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".py") && !p.toString().endsWith("README.txt"))
                        .sorted().forEach(out::add);
            }
        }
        return out;
    }

    static byte[] mutate(byte[] in, Random r) {
        List<String> lines = new ArrayList<>(List.of(new String(in, StandardCharsets.UTF_8).split("\n", -1)));
        int edits = 1 + r.nextInt(6);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int i = r.nextInt(lines.size());
            String line = lines.get(i);
            switch (r.nextInt(10)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, line);
                case 2 -> lines.set(i, line.substring(0, r.nextInt(line.length() + 1)));
                case 3 -> lines.set(i, line.replaceAll("\\d+(\\.\\d+)?", r.nextBoolean() ? "NaN" : "x"));
                case 4 -> lines.set(i, line.replaceFirst("[0-9]", "-9999999999999999999999"));
                case 5 -> lines.add(i, "garbage \u0000\u00ff line " + r.nextInt());
                case 6 -> {
                    int j = r.nextInt(lines.size());
                    lines.set(i, lines.get(j));
                    lines.set(j, line);
                }
                case 7 -> lines.set(i, line.replace(',', ';').replace('|', ','));
                case 8 -> lines.add(i, "9".repeat(r.nextInt(40_000)));
                default -> {
                    byte[] b = line.getBytes(StandardCharsets.UTF_8);
                    if (b.length > 0) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                    lines.set(i, new String(b, StandardCharsets.ISO_8859_1));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] joined = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        out.write(joined, 0, r.nextInt(10) == 0 ? r.nextInt(joined.length + 1) : joined.length);
        return out.toByteArray();
    }
}
