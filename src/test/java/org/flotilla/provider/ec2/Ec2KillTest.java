package org.flotilla.provider.ec2;

import org.flotilla.fleet.Run;
import org.flotilla.fleet.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `up` killed with SIGKILL at any instant leaves nothing that `down` cannot find and terminate. */
class Ec2KillTest extends AgainstMoto {
    @Test
    void twentyRunsKilledAtRandomInstantsAreEachLeftWithNoRunningInstanceAfterDown(@TempDir Path dir) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> runs = new ArrayList<>();
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            for (int n = 0; n < 20; n++) {
                moto.reset();
                // 10 RunInstances calls of 2: past the bucket's burst of 5 they go at 2/s, a window of seconds to die in
                Ec2Fixture f = new Ec2Fixture(dir.resolve("run-" + n), proxy.endpoint(), "ec2.batch-size = 2\nroles.client.count = 20");
                int before = proxy.received();
                Path out = dir.resolve("up-" + n + ".out");
                Process up = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                        System.getProperty("java.class.path"), org.flotilla.Flotilla.class.getName(),
                        "up", "--config", f.config.toString(), "--no-configure", "-q")
                        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
                // half the runs die at any instant from the start, half within the launch (after its first call)
                long start = System.nanoTime();
                if (n % 2 == 0) awaitFirstCall(proxy, before, up);
                long killAfterMs = n % 2 == 0 ? random.nextInt(3500) : 300 + random.nextInt(4500);
                boolean ended = up.waitFor(killAfterMs, TimeUnit.MILLISECONDS);
                killAfterMs = (System.nanoTime() - start) / 1_000_000;
                up.destroyForcibly(); // SIGKILL: no shutdown hook runs
                up.waitFor();
                // what was sent before the kill is still being launched upstream: let it land, as AWS would
                awaitIdle(proxy);
                long launched = Ec2Fixture.instances(moto.endpoint()).size();
                Optional<Run> run = Run.open(f.runs, null);
                int journaled = run.map(r -> RunStatus.read(r).hosts().size()).orElse(0);
                String said = "";
                if (run.isPresent()) {
                    Ec2Fixture.Result down = f.cli("down", "--runs-dir", f.runs.toString());
                    said = down.all();
                    assertThat(down.code()).as("run %d (seed %d): %s", n, seed, said).isZero();
                    f.assertNoSecrets(said, Files.readString(out));
                }
                assertThat(Ec2Fixture.running(moto.endpoint()))
                        .as("run %d killed after %d ms (seed %d): %d launched, %d journaled; up said %s; down said %s",
                                n, killAfterMs, seed, launched, journaled, Files.readString(out), said)
                        .isZero();
                runs.add(killAfterMs + "ms:" + journaled + "/" + launched + (ended ? "(up had exited)" : ""));
            }
        }
        System.out.println("SIGKILL runs (kill instant: instances journaled/launched): " + String.join(" ", runs) + " seed " + seed);
    }

    private static void awaitFirstCall(FaultProxy proxy, int before, Process up) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (proxy.received() == before && up.isAlive()) {
            if (System.nanoTime() > deadline) throw new AssertionError("up made no API call within 60 s");
            Thread.sleep(5);
        }
    }

    /** No call in flight for 300 ms in a row: a request the dead process left in the proxy's accept queue is picked up by then. */
    private static void awaitIdle(FaultProxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long idleSince = System.nanoTime();
        while (System.nanoTime() - idleSince < Duration.ofMillis(300).toNanos()) {
            if (proxy.inFlight() > 0) idleSince = System.nanoTime();
            if (System.nanoTime() > deadline) throw new AssertionError("moto still busy with a call after 60 s");
            Thread.sleep(10);
        }
    }
}
