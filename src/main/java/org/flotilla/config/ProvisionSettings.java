package org.flotilla.config;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * How the fleet is configured: the configurer pool, the ready threshold, the poll period; while
 * the fleet is held, how often the daemon looks for hosts gone without `down` and whether it replaces them.
 */
public record ProvisionSettings(int configurers, MinReady minReady, Duration pollInterval, Duration watchInterval,
                                boolean replace) {

    static ProvisionSettings from(Config c) {
        int configurers = c.getInt("provision.configurers");
        if (configurers < 1) {
            throw ConfigError.at(c.getValue("provision.configurers").origin(), "provision.configurers", "must be at least 1");
        }
        return new ProvisionSettings(configurers,
                MinReady.parse(c.getString("provision.min-ready"), c.getValue("provision.min-ready").origin()),
                c.getDuration("provision.poll-interval"), c.getDuration("provision.watch-interval"),
                c.getBoolean("provision.replace"));
    }
}
