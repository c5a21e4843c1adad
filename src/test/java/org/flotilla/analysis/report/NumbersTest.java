package org.flotilla.analysis.report;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Table figures print as BigDecimal rounds the double's exact value half up, whichever path makes them. */
class NumbersTest {
    @Test
    void figuresPrintAsTheExactValueRoundedHalfUp() {
        assertThat(Numbers.fixed(0.125, 2)).isEqualTo("0.13");
        assertThat(Numbers.fixed(1.005, 2)).isEqualTo("1.00"); // 1.00499999999999989... in binary
        assertThat(Numbers.fixed(-0.001, 2)).isEqualTo("0.00");
        assertThat(Numbers.fixed(-2.5, 0)).isEqualTo("-3");
        assertThat(Numbers.fixed(-0.0, 1)).isEqualTo("0.0");
        assertThat(Numbers.fixed(73.14999, 1)).isEqualTo("73.1");
        assertThat(Numbers.fixed(1e20, 2)).isEqualTo("100000000000000000000.00");
        assertThat(Numbers.fixed(Double.NaN, 2)).isEmpty();
        assertThat(Numbers.fixed(12, 4)).isEqualTo("12.0000");
    }

    @Test
    void agreesWithBigDecimalOnManyFiguresAndHalves() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            int decimals = random.nextInt(5);
            double v = switch (i % 4) {
                case 0 -> random.nextDouble(-1e6, 1e6);
                case 1 -> Math.round(random.nextDouble(0, 1e7)) / 1000.0 + 0.0005; // near halves at 3 decimals
                case 2 -> (random.nextInt(2_000_000) - 1_000_000) / Math.pow(10, decimals + 1) * 5; // exact halves where binary allows
                default -> random.nextDouble(0, 1e14);
            };
            assertThat(Numbers.fixed(v, decimals)).as("%s to %d", v, decimals)
                    .isEqualTo(new BigDecimal(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString());
        }
    }
}
