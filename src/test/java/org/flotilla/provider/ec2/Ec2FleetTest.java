package org.flotilla.provider.ec2;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A big fleet against moto: launched in few calls, polled in few, and all gone after `down`. */
class Ec2FleetTest extends AgainstMoto {
    @Test
    void thousandInstancesLaunchInFourCallsAndDownLeavesNoneRunning(@TempDir Path dir) throws Exception {
        Ec2Fixture f = new Ec2Fixture(dir, moto.endpoint(), "");
        long t0 = System.nanoTime();
        Ec2Fixture.Result up = f.cli("up", "--config", f.config.toString(), "--count", "client=1000", "--no-configure", "--detach");
        long upMs = (System.nanoTime() - t0) / 1_000_000;
        int describes;
        boolean checked = false;
        try {
            assertThat(up.code()).as(up.all()).isZero();
            assertThat(up.out()).contains("1000 hosts: 1000 running").contains("self-destruct");
            assertThat(calls(up.out(), "RunInstances")).isLessThanOrEqualTo(4);
            describes = calls(up.out(), "DescribeInstances");
            assertThat(describes).as(up.out()).isBetween(1, 5);
            assertThat(Ec2Fixture.running(moto.endpoint())).isEqualTo(1000);
            checked = true;
        } finally {
            if (!checked) f.cli("down", "--runs-dir", f.runs.toString()); // up failed its checks: its held fleet still ends
        }

        long t1 = System.nanoTime();
        Ec2Fixture.Result down = f.cli("down", "--runs-dir", f.runs.toString());
        long downMs = (System.nanoTime() - t1) / 1_000_000;
        assertThat(down.code()).as(down.all()).isZero();
        assertThat(down.out()).contains("1000 of 1000 hosts terminated");
        assertThat(Ec2Fixture.running(moto.endpoint())).isZero();
        f.assertNoSecrets(up.all(), down.all());
        System.out.printf("1000 instances: up --no-configure %d ms (RunInstances %d, DescribeInstances %d), down %d ms%n",
                upMs, calls(up.out(), "RunInstances"), describes, downMs);
    }

    @Test
    void withThirtyPercentOfCallsThrottledTheSameLaunchStillEndsWithThousandAndNoError(@TempDir Path dir) throws Exception {
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            // 3 calls in 10 throttled, the first three among them, and 1 in 20 an HTTP 500
            AtomicInteger n = new AtomicInteger();
            proxy.faults(p -> {
                int i = n.getAndIncrement();
                if (i % 10 < 3) return Optional.of(FaultProxy.Fault.THROTTLED);
                if (i % 20 == 5) return Optional.of(FaultProxy.Fault.SERVER_ERROR);
                return Optional.empty();
            });
            Ec2Fixture f = new Ec2Fixture(dir, proxy.endpoint(), "");
            long t0 = System.nanoTime();
            Ec2Fixture.Result up = f.cli("up", "--config", f.config.toString(), "--count", "client=1000", "--no-configure", "--detach");
            long upMs = (System.nanoTime() - t0) / 1_000_000;
            // taken at once: the held fleet's daemon goes on polling (provision.watch-interval) after `up` returns
            int throttledDuringUp = proxy.injected("RequestLimitExceeded");
            boolean checked = false;
            try {
                assertThat(up.code()).as(up.all()).isZero();
                assertThat(up.out()).contains("1000 hosts: 1000 running").contains(", 0 failed");
                assertThat(Ec2Fixture.running(moto.endpoint())).isEqualTo(1000);
                Matcher throttled = Pattern.compile("EC2 API throttled: (\\d+) requests").matcher(up.out());
                assertThat(throttled.find()).as(up.out()).isTrue();
                assertThat(Integer.parseInt(throttled.group(1))).as(up.out() + proxy.injectedByCall()).isEqualTo(throttledDuringUp).isPositive();
                checked = true;
            } finally {
                if (!checked) f.cli("down", "--runs-dir", f.runs.toString()); // up failed its checks: its held fleet still ends
            }

            Ec2Fixture.Result down = f.cli("down", "--runs-dir", f.runs.toString());
            assertThat(down.code()).as(down.all()).isZero();
            assertThat(Ec2Fixture.running(moto.endpoint())).isZero();
            f.assertNoSecrets(up.all(), down.all());
            System.out.printf("1000 instances, 30%% throttled + 5%% HTTP 500: up --no-configure %d ms, %d faults injected; %s%n",
                    upMs, proxy.injectedTotal(), up.out().lines().filter(l -> l.startsWith("EC2 API")).toList());
        }
    }

    static int calls(String report, String action) {
        Matcher m = Pattern.compile("\\b" + action + " (\\d+)").matcher(report);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
