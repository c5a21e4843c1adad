package org.flotilla.analysis.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures on a chart's axes and bars: what a reader sees under each bar. */
class ChartLabelsTest {
    @Test
    void twoDecimalsAtMostWithoutTrailingZerosAndWholeFromAHundred() {
        assertThat(SvgChart.trim(12.3)).isEqualTo("12.3");
        assertThat(SvgChart.trim(2.25)).isEqualTo("2.25");
        assertThat(SvgChart.trim(0.5)).isEqualTo("0.5");
        assertThat(SvgChart.trim(7.0)).isEqualTo("7");
        assertThat(SvgChart.trim(99.996)).isEqualTo("100");
        assertThat(SvgChart.trim(0.001)).isEqualTo("0");
        assertThat(SvgChart.trim(-0.001)).isEqualTo("-0");
        assertThat(SvgChart.trim(-3.10)).isEqualTo("-3.1");
        assertThat(SvgChart.trim(150.4)).isEqualTo("150");
        assertThat(SvgChart.trim(Double.NaN)).isEqualTo("NaN");
    }
}
