package org.flotilla.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * HOCON skips an `include "x.conf"` whose file is missing; a user who misspells an include then
 * runs with defaults they did not mean. Here a missing include is an error naming the including
 * file and the line of the include. Typesafe tells an includer neither, so the includer keeps the
 * stack of files being parsed and finds the include's line in the top one.
 */
final class StrictIncluder implements ConfigIncluder {
    private final Deque<Path> parsing = new ArrayDeque<>();
    private ConfigIncluder fallback;

    StrictIncluder(Path file) {
        parsing.push(file);
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
        this.fallback = fallback;
        return this;
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        Path including = parsing.peek();
        Path target = including.resolveSibling(what); // where Typesafe looks for a relative include of a file
        parsing.push(target);
        try {
            return fallback.include(context.setParseOptions(context.parseOptions().setAllowMissing(false)), what);
        } catch (ConfigException.IO e) {
            throw new ConfigError(including + lineOf(including, what) + ": include \"" + what + "\": "
                    + (Files.exists(target) ? "cannot read " + target + ": " + e.getMessage() : "no such file " + target));
        } finally {
            parsing.pop();
        }
    }

    /** ":N" for the first line of the file that includes {@code what}, or "" when it cannot be told. */
    private static String lineOf(Path file, String what) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.contains("include") && l.contains("\"" + what + "\"")) return ":" + (i + 1);
            }
        } catch (IOException | RuntimeException e) {
            // the message still names the file
        }
        return "";
    }
}
