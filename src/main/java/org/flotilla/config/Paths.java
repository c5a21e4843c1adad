package org.flotilla.config;

import java.nio.file.Path;

/** File names from config: "~" is the user's home. */
public final class Paths {
    private Paths() {
    }

    public static Path expand(String name) {
        if (name.equals("~")) return Path.of(System.getProperty("user.home"));
        if (name.startsWith("~/")) return Path.of(System.getProperty("user.home"), name.substring(2));
        return Path.of(name);
    }
}
