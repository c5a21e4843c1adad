package org.flotilla.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test run on the fleet: which roles run it, the command (a template), its variants
 * (patterns, run in order, each its own window), how long it takes, how it is started,
 * and the logs it leaves on each role's hosts.
 *
 * @param time   for cron tests: minutes after the run's start
 * @param become its own `become` (true: through sudo, false: as the login), or null for its role's
 */
public record TestPlan(String name, List<String> roles, String command, List<String> patterns, Duration duration,
                       Duration grace, TestStart start, int time, Map<String, List<String>> logs, Boolean become) {

    /** Whether a host of a role with the given `become` runs this test through sudo. */
    public boolean becomes(boolean roleBecomes) {
        return become != null ? become : roleBecomes;
    }

    /** How a test is started on its hosts. */
    public enum TestStart { FIRE, CRON }

    /** The patterns to run, in order; a test without patterns runs once, with pattern null. */
    public List<String> runs() {
        List<String> out = new ArrayList<>(patterns);
        if (out.isEmpty()) out.add(null);
        return out;
    }

    /** Every test, in the order the config lists them. */
    static List<TestPlan> all(Config c, List<RoleSpec> roles) {
        ConfigObject tests = c.getObject("tests");
        Config defaults = c.getConfig("test-defaults");
        List<String> roleNames = roles.stream().map(RoleSpec::name).toList();
        List<TestPlan> out = new ArrayList<>();
        for (String name : tests.keySet()) {
            String path = "tests." + name;
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw ConfigError.at(tests.get(name).origin(), path, "a test name is letters, digits, '_', '.' and '-'");
            }
            Config t = c.getConfig("tests." + ConfigSources.quoteKey(name)).withFallback(defaults);
            List<String> testRoles = Settings.strings(t, "roles");
            if (testRoles.isEmpty()) throw ConfigError.at(tests.get(name).origin(), path + ".roles", "missing: the roles that run this test");
            for (String r : testRoles) {
                if (!roleNames.contains(r)) {
                    throw ConfigError.at(t.getValue("roles").origin(), path + ".roles", "no role '" + r + "' (roles: " + String.join(", ", roleNames) + ")");
                }
            }
            String command = t.getString("command");
            if (command.isBlank()) throw ConfigError.at(tests.get(name).origin(), path + ".command", "missing: the command the test runs");
            TestStart start = switch (t.getString("start")) {
                case "fire" -> TestStart.FIRE;
                case "cron" -> TestStart.CRON;
                default -> throw ConfigError.at(t.getValue("start").origin(), path + ".start",
                        "expected fire or cron, got '" + t.getString("start") + "'");
            };
            int time = t.getInt("time");
            if (time < 1) throw ConfigError.at(t.getValue("time").origin(), path + ".time", "must be at least 1 (minutes after the run's start)");
            Map<String, List<String>> logs = new LinkedHashMap<>();
            ConfigObject logsObject = t.getObject("logs");
            for (String role : logsObject.keySet()) {
                if (!roleNames.contains(role)) {
                    throw ConfigError.at(logsObject.get(role).origin(), path + ".logs." + role, "no role '" + role + "'");
                }
                logs.put(role, Settings.strings(t, "logs." + ConfigSources.quoteKey(role)));
            }
            List<String> patterns = Settings.strings(t, "patterns");
            for (String pattern : patterns) {
                // a pattern names a window file and a crontab comment: one line of plain text
                if (pattern.isEmpty() || pattern.chars().anyMatch(Character::isISOControl)) {
                    throw ConfigError.at(t.getValue("patterns").origin(), path + ".patterns",
                            "'" + Shown.of(pattern) + "': a pattern is one line of text, without control characters (newline, CR, ...)");
                }
            }
            out.add(new TestPlan(name, testRoles, command, patterns, Durations.positive(t, "duration", path + ".duration"),
                    Durations.notNegative(t, "grace", path + ".grace"), start, time, logs, become(t, path)));
        }
        // HOCON objects have no order: the order of the file (line by line) is the order the user meant.
        out.sort(Comparator.comparing((TestPlan p) -> tests.get(p.name()).origin().filename(), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingInt(p -> tests.get(p.name()).origin().lineNumber())
                .thenComparing(TestPlan::name));
        return List.copyOf(out);
    }

    /** `become = true` or `false`; the default, `role`, follows the role's. */
    private static Boolean become(Config t, String path) {
        var value = t.getValue("become");
        if (value.valueType() == com.typesafe.config.ConfigValueType.BOOLEAN) return t.getBoolean("become");
        if (value.unwrapped().equals("role")) return null;
        throw ConfigError.at(value.origin(), path + ".become", "expected true, false or role, got '" + Shown.of(String.valueOf(value.unwrapped())) + "'");
    }
}
