package org.flotilla.config;

import com.typesafe.config.ConfigOrigin;

/** Bad configuration: the message names the file, the line and the key. */
public class ConfigError extends RuntimeException {
    public ConfigError(String message) {
        super(message);
    }

    public static ConfigError at(ConfigOrigin origin, String key, String problem) {
        return new ConfigError(where(origin) + key + ": " + problem);
    }

    /** "file:line: " when the origin knows them, else its description (e.g. "--set x=1: "). */
    public static String where(ConfigOrigin origin) {
        if (origin == null) return "";
        if (origin.filename() != null) {
            return origin.filename() + (origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "") + ": ";
        }
        if (origin.url() != null && origin.url().toString().contains("reference.conf")) {
            return "reference.conf" + (origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "") + ": ";
        }
        return origin.description() + ": ";
    }
}
