package org.flotilla.analysis.aggregate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatisticsTest {
    @Test
    void distributionByHand() {
        Distribution d = Distribution.of(new double[]{40, 10, 30, 20});
        assertThat(d.sum()).isEqualTo(100);
        assertThat(d.mean()).isEqualTo(25);
        assertThat(d.min()).isEqualTo(10);
        assertThat(d.max()).isEqualTo(40);
        // ranks 0..3: p50 at 1.5 → 25; p95 at 2.85 → 30 + 0.85·10
        assertThat(d.p50()).isEqualTo(25);
        assertThat(d.p95()).isCloseTo(38.5, within(1e-9));
        // Jain: 100² / (4 · (1600+100+900+400)) = 10000 / 12000
        assertThat(d.jain()).isCloseTo(10000.0 / 12000, within(1e-12));
    }

    @Test
    void jainIsOneForEqualClientsAndOneOverNForOneHog() {
        assertThat(Distribution.of(new double[]{5, 5, 5}).jain()).isEqualTo(1.0);
        assertThat(Distribution.of(new double[]{9, 0, 0}).jain()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void percentilesAreMergedByWeightNotAveraged() {
        // the Aggregated rows of the two captured Locust runs (fixtures/locust/client-*/run_stats.csv)
        var a = new MergedPercentiles.Part(288, percentiles(2, 2, 2, 2, 3, 3, 6, 9, 24, 24, 24));
        var b = new MergedPercentiles.Part(110, percentiles(3, 10, 240, 240, 240, 240, 250, 250, 250, 250, 250));
        // p50: 199 of 398 requests; at 2 ms client-1 has 0.80·288 = 230.4 → 2
        assertThat(MergedPercentiles.at(List.of(a, b), 0.50)).isEqualTo(2);
        // p95: 378.1 requests. At 24 ms: 288 + 0.66·110 = 360.6 (short); at 240 ms: 288 + 0.95·110 = 392.5 → 240.
        // Averaging the hosts' p95 would say (3 + 240) / 2 = 121.5.
        assertThat(MergedPercentiles.at(List.of(a, b), 0.95)).isEqualTo(240);
        // p75: 298.5. At 3 ms: 0.95·288 + 0.5·110 = 328.6 → 3
        assertThat(MergedPercentiles.at(List.of(a, b), 0.75)).isEqualTo(3);
    }

    @Test
    void seriesStaysBoundedAndKeepsTheMean() {
        Series s = new Series();
        for (int i = 0; i < 100_000; i++) s.add(i, i % 2 == 0 ? 10 : 20);
        assertThat(s.size()).isLessThanOrEqualTo(Series.LIMIT);
        for (double y : s.ys()) assertThat(y).isEqualTo(15);
        assertThat(s.xs()[0]).isZero();
    }

    private static TreeMap<Double, Double> percentiles(double... ms) {
        double[] q = {0.5, 0.66, 0.75, 0.8, 0.9, 0.95, 0.98, 0.99, 0.999, 0.9999, 1.0};
        TreeMap<Double, Double> m = new TreeMap<>();
        for (int i = 0; i < q.length; i++) m.put(q[i], ms[i]);
        return m;
    }
}
