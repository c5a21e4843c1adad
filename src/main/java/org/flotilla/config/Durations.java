package org.flotilla.config;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * Durations that only make sense above zero (a timeout, a period) or at zero and above (0s: off).
 * A negative or zero timeout does not fail loudly later: every attempt "times out" at once, or a
 * library divides by it; so it is refused here, at its line.
 */
final class Durations {
    private Durations() {
    }

    /** @param key the key within {@code c}; {@code path} the full key path the user sees */
    static Duration positive(Config c, String key, String path) {
        Duration d = c.getDuration(key);
        if (d.isNegative() || d.isZero()) {
            throw ConfigError.at(c.getValue(key).origin(), path, "must be longer than 0s, got " + c.getValue(key).unwrapped());
        }
        return d;
    }

    static Duration positive(Config c, String path) {
        return positive(c, path, path);
    }

    static Duration notNegative(Config c, String key, String path) {
        Duration d = c.getDuration(key);
        if (d.isNegative()) {
            throw ConfigError.at(c.getValue(key).origin(), path, "must be 0s or longer, got " + c.getValue(key).unwrapped());
        }
        return d;
    }
}
