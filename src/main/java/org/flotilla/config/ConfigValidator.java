package org.flotilla.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/**
 * Every key the user writes must be one reference.conf knows: typos in config are the
 * first thing users hit. Free maps (vars) are skipped; roles, their resources and fixed
 * hosts are checked against their *-defaults objects.
 */
final class ConfigValidator {
    static final Set<String> SCHEMA_ONLY = Set.of("role-defaults", "resource-defaults", "fixed-host-defaults", "test-defaults", "link-defaults");
    /** Maps whose keys are the user's (tag names, role names); Ec2Settings checks their values. */
    private static final Set<String> FREE_MAPS = Set.of("ec2.tags", "ec2.role-instance-types");
    private final Config reference;

    ConfigValidator(Config reference) {
        this.reference = reference;
    }

    void check(Config merged) {
        checkObject(merged.root(), reference.root(), "");
    }

    private void checkObject(ConfigObject actual, ConfigObject schema, String prefix) {
        for (Map.Entry<String, ConfigValue> e : actual.entrySet()) {
            String key = e.getKey();
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            ConfigValue value = e.getValue();
            if (prefix.isEmpty() && SCHEMA_ONLY.contains(key)) {
                if (!isFromReference(value)) throw ConfigError.at(value.origin(), path, "is Flotilla's own schema; set keys under roles instead");
                continue;
            }
            ConfigValue expected = schema.get(key);
            if (expected == null) {
                ConfigValue leaf = firstLeaf(value);
                String shown = leafPath(value, path);
                throw ConfigError.at(leaf.origin(), shown, "unknown key"
                        + (shown.equals(path) ? "" : " '" + key + "'") + suggestion(key, schema.keySet()));
            }
            checkValue(value, expected, path);
        }
    }

    private void checkValue(ConfigValue value, ConfigValue expected, String path) {
        if (path.equals("vars") || path.matches("roles\\.[^.]+\\.vars") || FREE_MAPS.contains(path)) {
            requireType(value, ConfigValueType.OBJECT, path);
            return;
        }
        if (path.equals("roles") || path.equals("tests") || path.equals("lab.links")) {
            String schema = switch (path) {
                case "roles" -> "role-defaults";
                case "tests" -> "test-defaults";
                default -> "link-defaults";
            };
            checkNamedObjects(value, reference.getObject(schema), path);
            return;
        }

        if (path.matches("tests\\.[^.]+\\.become")) {
            return; // true, false or role: TestPlan checks it
        }
        if (path.matches("tests\\.[^.]+\\.logs")) {
            requireType(value, ConfigValueType.OBJECT, path); // role -> paths; the roles are checked with the test
            return;
        }
        if (path.matches("roles\\.[^.]+\\.(setup|reload)")) {
            requireType(value, ConfigValueType.LIST, path); // each step a command or { run, become }: config/Recipe checks them
            return;
        }
        if (path.matches("roles\\.[^.]+\\.resources")) {
            checkListOfObjects(value, reference.getObject("resource-defaults"), path);
            return;
        }
        if (path.equals("fixed.hosts")) {
            checkListOfObjects(value, reference.getObject("fixed-host-defaults"), path);
            return;
        }
        if (expected.valueType() == ConfigValueType.OBJECT) {
            requireType(value, ConfigValueType.OBJECT, path);
            checkObject((ConfigObject) value, (ConfigObject) expected, path);
        } else {
            LeafTypes.check(value, expected, path); // here the whole path is known; ranges are the records'
        }
    }

    /** A map of names to objects that each follow the schema (roles, tests). */
    private void checkNamedObjects(ConfigValue value, ConfigObject schema, String path) {
        requireType(value, ConfigValueType.OBJECT, path);
        for (var named : ((ConfigObject) value).entrySet()) {
            String namedPath = path + "." + named.getKey();
            requireType(named.getValue(), ConfigValueType.OBJECT, namedPath);
            checkObject((ConfigObject) named.getValue(), schema, namedPath);
        }
    }

    private void checkListOfObjects(ConfigValue value, ConfigObject schema, String path) {
        requireType(value, ConfigValueType.LIST, path);
        ConfigList list = (ConfigList) value;
        for (int i = 0; i < list.size(); i++) {
            ConfigValue item = list.get(i);
            requireType(item, ConfigValueType.OBJECT, path + "[" + i + "]");
            checkObject((ConfigObject) item, schema, path + "[" + i + "]");
        }
    }

    private static void requireType(ConfigValue value, ConfigValueType type, String path) {
        if (value.valueType() != type) {
            throw ConfigError.at(value.origin(), path, "expected " + article(type) + ", got "
                    + value.valueType().name().toLowerCase() + " " + value.render());
        }
    }

    private static String article(ConfigValueType type) {
        return switch (type) {
            case OBJECT -> "an object { ... }";
            case LIST -> "a list [ ... ]";
            default -> "a " + type.name().toLowerCase();
        };
    }

    /** `provison { configurers = 8 }` is reported as provison.configurers, at the line that sets it. */
    private static String leafPath(ConfigValue value, String path) {
        while (value instanceof ConfigObject o && o.size() == 1) {
            var only = o.entrySet().iterator().next();
            path = path + "." + only.getKey();
            value = only.getValue();
        }
        return path;
    }

    private static ConfigValue firstLeaf(ConfigValue value) {
        while (value instanceof ConfigObject o && o.size() == 1) value = o.values().iterator().next();
        return value;
    }

    private static boolean isFromReference(ConfigValue value) {
        return value.origin().url() != null && value.origin().url().toString().endsWith("reference.conf");
    }

    private static String suggestion(String key, Set<String> known) {
        return known.stream()
                .filter(k -> !SCHEMA_ONLY.contains(k))
                .min(Comparator.comparingInt(k -> distance(k, key)))
                .filter(k -> distance(k, key) <= Math.max(2, key.length() / 3))
                .map(k -> " (did you mean '" + k + "'?)")
                .orElse(" (known here: " + String.join(", ", known.stream().filter(k -> !SCHEMA_ONLY.contains(k)).sorted().toList()) + ")");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
