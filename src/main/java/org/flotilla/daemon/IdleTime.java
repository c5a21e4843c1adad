package org.flotilla.daemon;

import java.time.Duration;

/** An idle time as a user writes it in config: 30m, 2h, 3s, 1500ms. */
public final class IdleTime {
    private IdleTime() {
    }

    public static String of(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1_000 == 0) return ms / 1_000 + "s";
        return ms + "ms";
    }
}
