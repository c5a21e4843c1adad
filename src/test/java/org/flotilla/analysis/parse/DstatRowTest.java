package org.flotilla.analysis.parse;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows read from bytes give what the String path gives; what the byte path does not read exactly goes the String way. */
class DstatRowTest {
    private static final String HEADER = "\"system\",\"total cpu usage\",,,,\"net/total\",\n\"time\",\"usr\",\"sys\",\"idl\",\"wai\",\"recv\",\"send\"\n";

    @Test
    void plainAndUnusualCellsReadTheSameAsDoubleParseDouble() {
        Recorded r = Recorded.parseText(new DstatCsvParser(2026), HEADER
                + "24-11 12:01:00,50.0,10.0,35.0,5.0,100.000,200.000\n"
                + "24-11 12:01:01, 7 ,0.125,92.875,-0.0,1e3,+2\n"
                + "24-11 12:01:02,\t1,2,97,0,12345678901234567,0.1\n"
                + "\"24-11 12:01:03\",3,3,94,0,5.,.5\n");
        assertThat(r.problems.count()).isZero();
        assertThat(r.cpu).extracting(CpuSample::time).containsExactly(Instant.parse("2026-11-24T12:01:00Z"),
                Instant.parse("2026-11-24T12:01:01Z"), Instant.parse("2026-11-24T12:01:02Z"), Instant.parse("2026-11-24T12:01:03Z"));
        assertThat(r.cpu).extracting(CpuSample::usr).containsExactly(50.0, 7.0, 1.0, 3.0);
        assertThat(r.cpu).extracting(CpuSample::sys).containsExactly(10.0, 0.125, 2.0, 3.0);
        assertThat(r.cpu).extracting(CpuSample::idl).containsExactly(35.0, 92.875, 97.0, 94.0);
        assertThat(r.cpu).extracting(CpuSample::recv).containsExactly(100.0, 1000.0, 12345678901234567.0, 5.0);
        assertThat(r.cpu).extracting(CpuSample::send).containsExactly(200.0, 2.0, 0.1, 0.5);
        assertThat(Double.doubleToRawLongBits(r.cpu.get(1).wai())).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void aBadRowIsStillAProblemWithItsLine() {
        Recorded r = Recorded.parseText(new DstatCsvParser(2026), HEADER + "24-11 12:01:00,50.0,x,35.0,5.0,1,2\n24-11 12:01:01,1,2\n"
                + "24-11 99:01:02,1,2,97,0,0,0\n");
        assertThat(r.cpu).isEmpty();
        assertThat(r.problems.count()).isEqualTo(3);
        assertThat(r.problems.byFile().get(0).first()).extracting(Problem::line).containsExactly(3L, 4L, 5L);
    }
}
