package org.flotilla.provider.ec2;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {
    private long now;
    private final List<Long> sleeps = new ArrayList<>();
    private final TokenBucket.Sleeper sleeper = nanos -> {
        sleeps.add(nanos);
        now += nanos;
    };

    @Test
    void aBurstUpToTheCapacityPassesThenCallsWaitForTheRefill() throws Exception {
        TokenBucket runInstances = new TokenBucket(5, 2, () -> now, sleeper);
        for (int i = 0; i < 5; i++) assertThat(runInstances.take(1)).isZero();
        assertThat(runInstances.take(1)).isEqualTo(500_000_000L);
        assertThat(runInstances.take(1)).isEqualTo(500_000_000L);
        assertThat(now).isEqualTo(1_000_000_000L);
    }

    @Test
    void theInstanceBucketLetsAThousandGoAtOnceThenTwoASecond() throws Exception {
        TokenBucket instances = new TokenBucket(1000, 2, () -> now, sleeper);
        for (int i = 0; i < 4; i++) assertThat(instances.take(250)).isZero();
        assertThat(instances.take(250)).isEqualTo(125_000_000_000L);
    }

    @Test
    void timeRefillsUpToTheCapacityOnly() throws Exception {
        TokenBucket describe = new TokenBucket(100, 20, () -> now, sleeper);
        describe.take(100);
        now += 60_000_000_000L;
        for (int i = 0; i < 100; i++) assertThat(describe.take(1)).isZero();
        assertThat(describe.take(1)).isEqualTo(50_000_000L);
        assertThat(sleeps).hasSize(1);
    }
}
