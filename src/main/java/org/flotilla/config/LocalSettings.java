package org.flotilla.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueFactory;

import java.time.Duration;

/** The local provider: in-process SSH servers on loopback. */
public record LocalSettings(String address, Duration bootDelayMin, Duration bootDelayMax, String shell) {

    static LocalSettings from(Config c) {
        String delay = c.getString("local.boot-delay").trim();
        Duration min;
        Duration max;
        try {
            int dots = delay.indexOf("..");
            if (dots >= 0) {
                min = duration(delay.substring(0, dots));
                max = duration(delay.substring(dots + 2));
            } else {
                min = max = duration(delay);
            }
            if (max.compareTo(min) < 0 || min.isNegative()) throw new IllegalArgumentException();
        } catch (RuntimeException e) {
            throw ConfigError.at(c.getValue("local.boot-delay").origin(), "local.boot-delay",
                    "expected a duration like \"2s\" or a range like \"1s..10s\", got '" + delay + "'");
        }
        return new LocalSettings(c.getString("local.address"), min, max, c.getString("local.shell"));
    }

    private static Duration duration(String text) {
        try {
            return ConfigFactory.empty().withValue("d", ConfigValueFactory.fromAnyRef(text.trim())).getDuration("d");
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
