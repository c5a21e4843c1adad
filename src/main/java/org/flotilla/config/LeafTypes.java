package org.flotilla.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.Set;

/**
 * A leaf's type, checked against its default in reference.conf while the whole path is known:
 * the settings records read roles, tests and fixed hosts through sub-configs, where Typesafe's
 * own message would say "count" instead of "roles.server.count", and where getInt would quietly
 * take 1.5 as 1. Only what Typesafe converts itself is let through (a number as a string, "yes"
 * as a boolean, a number of milliseconds as a duration).
 */
final class LeafTypes {
    /** Keys whose default looks like a duration but that take a syntax of their own (a range). */
    private static final Set<String> OWN_SYNTAX = Set.of("local.boot-delay");
    private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "yes", "no", "on", "off");

    private LeafTypes() {
    }

    static void check(ConfigValue value, ConfigValue expected, String path) {
        switch (expected.valueType()) {
            case NUMBER -> {
                if (isWhole(expected) && !isWholeNumber(value)) refuse(value, path, "a whole number");
            }
            case BOOLEAN -> {
                if (value.valueType() != ConfigValueType.BOOLEAN
                        && !(value.valueType() == ConfigValueType.STRING && BOOLEAN_WORDS.contains(text(value).toLowerCase()))) {
                    refuse(value, path, "true or false");
                }
            }
            case STRING -> {
                if (!isScalar(value)) refuse(value, path, "a string");
                if (isDuration(expected) && !OWN_SYNTAX.contains(path) && !isDuration(value)) refuse(value, path, "a duration like 30s, 5m or 200ms");
            }
            case LIST -> {
                if (value.valueType() != ConfigValueType.LIST) refuse(value, path, "a list [ ... ]");
                ConfigList list = (ConfigList) value;
                for (int i = 0; i < list.size(); i++) {
                    if (!isScalar(list.get(i))) refuse(list.get(i), path + "[" + i + "]", "a string");
                }
            }
            default -> {
            }
        }
    }

    private static void refuse(ConfigValue value, String path, String what) {
        String got = value.valueType() == ConfigValueType.NULL ? "null" : value.valueType().name().toLowerCase() + " " + value.render();
        throw ConfigError.at(value.origin(), path, "expected " + what + ", got " + Shown.of(got));
    }

    private static boolean isScalar(ConfigValue v) {
        return v.valueType() == ConfigValueType.STRING || v.valueType() == ConfigValueType.NUMBER || v.valueType() == ConfigValueType.BOOLEAN;
    }

    private static boolean isWhole(ConfigValue v) {
        return v.unwrapped() instanceof Integer || v.unwrapped() instanceof Long;
    }

    private static boolean isWholeNumber(ConfigValue v) {
        if (v.valueType() == ConfigValueType.NUMBER) return isWhole(v);
        if (v.valueType() != ConfigValueType.STRING) return false;
        try {
            Long.parseLong(text(v).trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDuration(ConfigValue v) {
        if (v.valueType() == ConfigValueType.NUMBER) return isWhole(v);
        if (v.valueType() != ConfigValueType.STRING || !text(v).trim().matches("-?[0-9.]+\\s*[a-zA-Z]+")) return false;
        try {
            ConfigFactory.empty().withValue("d", v).getDuration("d");
            return true;
        } catch (ConfigException e) {
            return false;
        }
    }

    private static String text(ConfigValue v) {
        return String.valueOf(v.unwrapped());
    }
}
