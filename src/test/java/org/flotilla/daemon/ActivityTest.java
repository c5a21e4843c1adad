package org.flotilla.daemon;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Idle time as idle-stop sees it: from the last touch, never while a command's process or the daemon's own work lasts. */
class ActivityTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void idleCountsFromTheLastTouch() {
        Activity a = new Activity(T0, "up");
        assertThat(a.idle(T0.plusSeconds(5))).contains(Duration.ofSeconds(5));
        a.touch("status", T0.plusSeconds(4));
        assertThat(a.idle(T0.plusSeconds(5))).contains(Duration.ofSeconds(1));
        assertThat(a.lastTouch()).isEqualTo("2025-01-01T00:00:04Z (the last: status)");
    }

    @Test
    void aCommandIsBusyWhileItsProcessLives() throws Exception {
        Activity a = new Activity(T0, "up");
        Process command = new ProcessBuilder("sleep", "30").start();
        try {
            a.touch("run fire", command.pid(), T0.plusSeconds(1));
            assertThat(a.idle(T0.plusSeconds(100))).isEmpty();
        } finally {
            command.destroy();
            assertThat(command.waitFor(5, TimeUnit.SECONDS)).isTrue();
        }
        // it ended when idle-stop saw it gone
        assertThat(a.idle(T0.plusSeconds(101))).contains(Duration.ZERO);
        assertThat(a.idle(T0.plusSeconds(104))).contains(Duration.ofSeconds(3));
        assertThat(a.lastTouch()).endsWith("(the last: run fire)");
    }

    @Test
    void aGonePidTouchesButKeepsNothingBusy() {
        Activity a = new Activity(T0, "up");
        a.touch("status", Long.MAX_VALUE, T0.plusSeconds(2));
        assertThat(a.idle(T0.plusSeconds(3))).contains(Duration.ofSeconds(1));
    }

    @Test
    void theDaemonsOwnWorkIsBusyUntilItEnds() {
        Activity a = new Activity(T0, "up");
        Runnable done = a.busy("test", T0);
        assertThat(a.idle(T0.plusSeconds(100))).isEmpty();
        done.run();
        assertThat(a.idle(Instant.now().plusSeconds(2))).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3)));
    }
}
