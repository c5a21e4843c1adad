package org.flotilla.config;

import com.typesafe.config.Config;

/**
 * The daemon's dashboard: whether it is served, and where.
 *
 * @param address the address it listens on (an IP literal; its certificate names it)
 * @param port    0 for a free port
 */
public record DashboardSettings(boolean enabled, String address, int port) {

    static DashboardSettings from(Config c) {
        String listen = c.getString("dashboard.listen");
        int colon = listen.lastIndexOf(':');
        String address = colon < 0 ? listen : listen.substring(0, colon);
        if (address.startsWith("[") && address.endsWith("]")) address = address.substring(1, address.length() - 1);
        if (colon < 0 || address.isEmpty() || !(address.matches("[0-9.]+") || address.contains(":"))) {
            throw ConfigError.at(c.getValue("dashboard.listen").origin(), "dashboard.listen",
                    "'" + listen + "': expected ADDRESS:PORT with an IP address, e.g. 127.0.0.1:0 or [::1]:8443");
        }
        int port = port(c, "dashboard.listen", listen.substring(colon + 1));
        // dashboard.port is the short way to pick a port on the default address (--set dashboard.port=18090)
        int given = c.getInt("dashboard.port");
        if (given < 0 || given > 65535) throw ConfigError.at(c.getValue("dashboard.port").origin(), "dashboard.port", "must be 0..65535");
        return new DashboardSettings(c.getBoolean("dashboard.enabled"), address, given != 0 ? given : port);
    }

    private static int port(Config c, String key, String text) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 0 && p <= 65535) return p;
        } catch (NumberFormatException e) {
            // said below
        }
        throw ConfigError.at(c.getValue(key).origin(), key, "'" + text + "' is not a port (0..65535; 0 picks a free one)");
    }
}
