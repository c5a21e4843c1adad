package org.flotilla.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a role's hosts need besides files: the packages installed before anything else (the
 * top-level list and the role's own), and whether steps run as another user through sudo.
 *
 * @param packages    package names, top level first, each once
 * @param become      whether setup and reload steps, uploads outside the login's home and the crontab go through sudo
 * @param becomeUser  the user sudo runs them as (root)
 * @param stepBecome  per setup step: its own `become`, or null for the role's
 * @param reloadBecome per reload step: its own `become`, or null for the role's
 */
public record Recipe(List<String> packages, boolean become, String becomeUser, List<Boolean> stepBecome, List<Boolean> reloadBecome) {
    private static final Set<String> STEP_KEYS = Set.of("run", "become");

    public static final Recipe NONE = new Recipe(List.of(), false, "root", List.of(), List.of());

    /** Whether setup step {@code i} runs through sudo. */
    public boolean becomes(int step) {
        return becomes(stepBecome, step);
    }

    /** Whether reload step {@code i} runs through sudo. */
    public boolean reloadBecomes(int step) {
        return becomes(reloadBecome, step);
    }

    private boolean becomes(List<Boolean> own, int step) {
        Boolean b = step < own.size() ? own.get(step) : null;
        return b != null ? b : become;
    }

    /** Whether anything of the role runs through sudo. */
    public boolean anyBecome() {
        return become || stepBecome.stream().anyMatch(Boolean.TRUE::equals) || reloadBecome.stream().anyMatch(Boolean.TRUE::equals);
    }

    static Recipe of(Config c, Config role, String name) {
        Set<String> packages = new LinkedHashSet<>();
        packages.addAll(names(c, "packages", "packages"));
        packages.addAll(names(role, "packages", "roles." + name + ".packages"));
        String user = role.getString("become-user");
        if (!user.matches("[a-z_][a-z0-9_.-]*\\$?")) {
            throw ConfigError.at(role.getValue("become-user").origin(), "roles." + name + ".become-user", "not a user name: '" + user + "'");
        }
        return new Recipe(List.copyOf(packages), role.getBoolean("become"), user, ownBecome(role.getList("setup")), ownBecome(role.getList("reload")));
    }

    private static List<Boolean> ownBecome(ConfigList steps) {
        List<Boolean> out = new ArrayList<>();
        for (ConfigValue v : steps) {
            out.add(v instanceof ConfigObject o && o.containsKey("become") ? o.toConfig().getBoolean("become") : null);
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /**
     * A role's setup (or reload) commands: each item a command line, or { run = "command", become = false }.
     */
    static List<String> steps(Config role, String name, String kind) {
        List<String> out = new ArrayList<>();
        ConfigList setup = role.getList(kind);
        for (int i = 0; i < setup.size(); i++) {
            ConfigValue v = setup.get(i);
            String path = "roles." + name + "." + kind + "[" + i + "]";
            if (v.valueType() == ConfigValueType.STRING) {
                out.add((String) v.unwrapped());
            } else if (v instanceof ConfigObject o) {
                for (String key : o.keySet()) {
                    if (!STEP_KEYS.contains(key)) {
                        throw ConfigError.at(o.get(key).origin(), path + "." + key, "unknown key (a step has run and become)");
                    }
                }
                if (!o.containsKey("run") || o.get("run").valueType() != ConfigValueType.STRING) {
                    throw ConfigError.at(o.origin(), path + ".run", "missing: the command line of the step");
                }
                if (o.containsKey("become") && o.get("become").valueType() != ConfigValueType.BOOLEAN) {
                    throw ConfigError.at(o.get("become").origin(), path + ".become", "expected true or false, got " + o.get("become").render());
                }
                out.add((String) o.get("run").unwrapped());
            } else {
                throw ConfigError.at(v.origin(), path, "expected a command line or { run = \"...\", become = true }, got " + v.render());
            }
        }
        return out;
    }

    /** Package names: letters, digits and + . _ : - (nothing a shell or a package manager reads as more than one name). */
    private static List<String> names(Config c, String key, String path) {
        List<String> out = c.getStringList(key);
        for (String p : out) {
            if (!p.matches("[A-Za-z0-9][A-Za-z0-9+._:-]*")) {
                throw ConfigError.at(c.getValue(key).origin(), path, "not a package name: '" + p + "'");
            }
        }
        return out;
    }
}
