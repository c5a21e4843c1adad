package org.flotilla.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run's configuration comes from: a file (with its includes), then each
 * {@code --set key=value} and {@code --count role=N} on top, then reference.conf below.
 */
public record ConfigSources(Path file, List<String> sets, Map<String, Integer> counts) {

    public ConfigSources {
        sets = List.copyOf(sets);
        counts = new LinkedHashMap<>(counts);
    }

    public static ConfigSources of(Path file) {
        return new ConfigSources(file, List.of(), Map.of());
    }

    /** Parses, merges and resolves; validates every key. Throws ConfigError. */
    public Config load() {
        Config user = ConfigFactory.empty();
        try {
            if (file != null) {
                if (!Files.isRegularFile(file)) throw new ConfigError(file + ": no such config file");
                user = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)
                        .setIncluder(new StrictIncluder(file)));
            }
            for (String set : sets) user = parseSet(set).withFallback(user);
            for (var count : counts.entrySet()) {
                String role = count.getKey();
                if (!user.hasPath("roles") || !user.getObject("roles").containsKey(role)) {
                    throw new ConfigError("--count " + role + "=" + count.getValue() + ": no role '" + role
                            + "' in " + (file == null ? "the config" : file) + knownRoles(user));
                }
                user = user.withValue("roles." + quoteKey(role) + ".count",
                        ConfigValueFactory.fromAnyRef(count.getValue(), "--count " + role + "=" + count.getValue()));
            }
            Config merged = user.withFallback(ConfigFactory.defaultReference()).resolve(ConfigResolveOptions.defaults());
            new ConfigValidator(ConfigFactory.defaultReference()).check(merged);
            return merged;
        } catch (ConfigException.UnresolvedSubstitution e) {
            throw new ConfigError(ConfigError.where(e.origin()) + "unresolved substitution: " + stripOrigin(e)
                    + " (set the environment variable or the key)");
        } catch (ConfigException.IO e) {
            throw new ConfigError(e.getMessage());
        } catch (ConfigException.Parse e) {
            throw new ConfigError(ConfigError.where(e.origin()) + "syntax error: " + stripOrigin(e));
        } catch (ConfigException e) {
            throw new ConfigError(ConfigError.where(e.origin()) + stripOrigin(e));
        }
    }

    private static String knownRoles(Config user) {
        if (!user.hasPath("roles")) return " (it has no roles)";
        return " (roles: " + String.join(", ", user.getObject("roles").keySet()) + ")";
    }

    /** {@code key=value}: a value starting with [ { or " is HOCON, anything else a plain string (so URLs survive). */
    static Config parseSet(String set) {
        int eq = set.indexOf('=');
        if (eq <= 0) throw new ConfigError("--set " + set + ": expected key=value");
        String key = set.substring(0, eq).trim();
        String value = set.substring(eq + 1).trim();
        String origin = "--set " + set;
        try {
            if (value.startsWith("[") || value.startsWith("{") || value.startsWith("\"")) {
                Config parsed = ConfigFactory.parseString("v = " + value, ConfigParseOptions.defaults().setOriginDescription(origin));
                return ConfigFactory.empty().withValue(key, parsed.getValue("v").withOrigin(parsed.origin()));
            }
            ConfigValue v = ConfigValueFactory.fromAnyRef(value, origin);
            return ConfigFactory.empty().withValue(key, v);
        } catch (ConfigException e) {
            throw new ConfigError(origin + ": " + stripOrigin(e));
        }
    }

    static String quoteKey(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    }

    /** Typesafe's messages start with their own origin; ours says it once, in our format. */
    static String stripOrigin(ConfigException e) {
        String m = e.getMessage();
        if (e.origin() != null) {
            String d = e.origin().description();
            if (m.startsWith(d + ": ")) m = m.substring(d.length() + 2);
        }
        return m;
    }

    public List<String> describe() {
        List<String> out = new ArrayList<>();
        if (file != null) out.add(file.toString());
        sets.forEach(s -> out.add("--set " + s));
        counts.forEach((r, n) -> out.add("--count " + r + "=" + n));
        return out;
    }
}
