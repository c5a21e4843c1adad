package org.flotilla.config;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * How the fleet is configured: the configurer pool, the ready threshold, the poll period; while
 * the fleet is held, how often the daemon looks for hosts gone without `down`, whether it replaces
 * them, and after how long without a test or a command it tears the fleet down (zero: never);
 * how long a host may wait for its package manager's lock (held by cloud-init, unattended-upgrades).
 */
public record ProvisionSettings(int configurers, MinReady minReady, Duration pollInterval, Duration watchInterval,
                                boolean replace, Duration idleStop, Duration packageTimeout) {

    public ProvisionSettings(int configurers, MinReady minReady, Duration pollInterval, Duration watchInterval,
                             boolean replace, Duration idleStop) {
        this(configurers, minReady, pollInterval, watchInterval, replace, idleStop, Duration.ofMinutes(10));
    }

    static ProvisionSettings from(Config c) {
        int configurers = c.getInt("provision.configurers");
        if (configurers < 1) {
            throw ConfigError.at(c.getValue("provision.configurers").origin(), "provision.configurers", "must be at least 1");
        }
        Duration idleStop = c.getDuration("provision.idle-stop");
        if (idleStop.isNegative()) {
            throw ConfigError.at(c.getValue("provision.idle-stop").origin(), "provision.idle-stop", "must be 0s (off) or longer, got " + c.getString("provision.idle-stop"));
        }
        return new ProvisionSettings(configurers,
                MinReady.parse(c.getString("provision.min-ready"), c.getValue("provision.min-ready").origin()),
                Durations.positive(c, "provision.poll-interval"), Durations.positive(c, "provision.watch-interval"),
                c.getBoolean("provision.replace"), idleStop, Durations.positive(c, "provision.package-timeout"));
    }
}
