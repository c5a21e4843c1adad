package org.flotilla.analysis;

import org.flotilla.analysis.report.Format;
import org.flotilla.analysis.report.Report;
import org.flotilla.analysis.report.ReportTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The classic tables equal what the classic awk semantics (bench/classic.awk, also the benchmark's contender) give on the same files. */
class ClassicAwkTest {
    @TempDir
    Path tmp;

    @Test
    void analyzerAndAwkAgreeOnTheClassicLayout() throws Exception {
        Path test = Path.of("src/test/resources/classic/test1");
        List<String> cmd = new ArrayList<>(List.of("awk", "-f", "bench/classic.awk"));
        try (Stream<Path> files = Files.list(test)) {
            files.sorted().map(Path::toString).forEach(cmd::add);
        }
        Process awk = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String awkOut = new String(awk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(awk.waitFor()).as(awkOut).isZero();

        Findings f = new Analysis(test, List.of(), List.of(), null).run();
        new Report(new ReportTemplates(null)).write(f, EnumSet.of(Format.CSV), tmp);
        TreeSet<String> ours = new TreeSet<>(Files.readAllLines(tmp.resolve("classic-bandwidth.csv")));
        ours.addAll(Files.readAllLines(tmp.resolve("classic-cpu.csv")));
        assertThat(new TreeSet<>(awkOut.lines().toList())).isEqualTo(ours).hasSize(11);
    }
}
