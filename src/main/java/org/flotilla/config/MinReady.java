package org.flotilla.config;

import com.typesafe.config.ConfigOrigin;

/** How many READY hosts make a success: a count, or a percentage of the fleet. */
public record MinReady(int count, double percent) {

    public static MinReady parse(String text, ConfigOrigin origin) {
        String t = text.trim();
        try {
            if (t.endsWith("%")) {
                double p = Double.parseDouble(t.substring(0, t.length() - 1));
                if (p < 0 || p > 100) throw new NumberFormatException();
                return new MinReady(-1, p);
            }
            int n = Integer.parseInt(t);
            if (n < 0) throw new NumberFormatException();
            return new MinReady(n, -1);
        } catch (NumberFormatException e) {
            throw ConfigError.at(origin, "provision.min-ready", "expected a count like 18 or a share like 90%, got '" + text + "'");
        }
    }

    /** A count above the fleet's size can never be met: `up` would report success it did not check. */
    void requireAtMost(int fleetSize, ConfigOrigin origin) {
        if (count > fleetSize) {
            throw ConfigError.at(origin, "provision.min-ready", count + " ready hosts are needed, but the fleet has " + fleetSize);
        }
    }

    public int required(int fleetSize) {
        if (count >= 0) return Math.min(count, fleetSize);
        return (int) Math.ceil(fleetSize * percent / 100.0);
    }
}
