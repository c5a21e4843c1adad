package org.flotilla.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import org.flotilla.pki.CertificateUse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A role of the fleet and its recipe: how many hosts, what they wait for, what they get.
 *
 * @param certificate what each host of the role gets from the run's certificate authority
 * @param reload      steps `flotilla push` runs on a host where it uploaded a changed file
 * @param recipe      packages and become
 */
public record RoleSpec(String name, int count, List<String> after, List<ResourceSpec> resources,
                       List<String> setup, List<String> logs, Map<String, Object> vars, CertificateUse certificate,
                       List<String> reload, Recipe recipe) {

    /** A role without packages or become. */
    public RoleSpec(String name, int count, List<String> after, List<ResourceSpec> resources, List<String> setup,
                    List<String> logs, Map<String, Object> vars, CertificateUse certificate, List<String> reload) {
        this(name, count, after, resources, setup, logs, vars, certificate, reload, Recipe.NONE);
    }

    /** A role without reload steps. */
    public RoleSpec(String name, int count, List<String> after, List<ResourceSpec> resources, List<String> setup,
                    List<String> logs, Map<String, Object> vars, CertificateUse certificate) {
        this(name, count, after, resources, setup, logs, vars, certificate, List.of());
    }

    /** Every role, dependencies before dependents (then by name). */
    static List<RoleSpec> all(Config c, Path resourcesDir) {
        ConfigObject roles = c.getObject("roles");
        Config defaults = c.getConfig("role-defaults");
        Map<String, RoleSpec> byName = new TreeMap<>();
        for (String name : roles.keySet()) {
            if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw ConfigError.at(roles.get(name).origin(), "roles." + name,
                        "a role name is letters, digits, '_' and '-', starting with a letter");
            }
            Config r = c.getConfig("roles." + ConfigSources.quoteKey(name)).withFallback(defaults);
            int count = r.getInt("count");
            if (count < 0) throw ConfigError.at(r.getValue("count").origin(), "roles." + name + ".count", "must be 0 or more");
            List<ResourceSpec> resources = new ArrayList<>();
            List<? extends ConfigObject> items = r.getObjectList("resources");
            for (int i = 0; i < items.size(); i++) {
                resources.add(resource(items.get(i), "roles." + name + ".resources[" + i + "]", c, resourcesDir));
            }
            byName.put(name, new RoleSpec(name, count, Settings.strings(r, "after"), resources,
                    Recipe.steps(r, name, "setup"), Settings.strings(r, "logs"), new LinkedHashMap<>(r.getObject("vars").unwrapped()),
                    certificate(r, name), Recipe.steps(r, name, "reload"), Recipe.of(c, r, name)));
        }
        for (RoleSpec role : byName.values()) {
            for (String dep : role.after()) {
                if (!byName.containsKey(dep)) {
                    throw ConfigError.at(c.getValue("roles." + role.name() + ".after").origin(), "roles." + role.name() + ".after",
                            "no role '" + dep + "' (roles: " + String.join(", ", byName.keySet()) + ")");
                }
            }
        }
        return ordered(byName, c);
    }

    private static CertificateUse certificate(Config r, String role) {
        String word = r.getString("certificate");
        CertificateUse use = CertificateUse.of(word);
        if (use == null) {
            throw ConfigError.at(r.getValue("certificate").origin(), "roles." + role + ".certificate",
                    "expected none, server or client, got '" + word + "'");
        }
        return use;
    }

    private static ResourceSpec resource(ConfigObject item, String path, Config c, Path resourcesDir) {
        Config r = item.toConfig().withFallback(c.getConfig("resource-defaults"));
        String source = r.getString("source");
        String dest = r.getString("dest");
        String mode = r.getString("mode");
        String owner = r.getString("owner");
        if (!owner.isEmpty() && !owner.matches("[a-z_][a-z0-9_.-]*(:[a-z_][a-z0-9_.-]*)?")) {
            throw ConfigError.at(r.getValue("owner").origin(), path + ".owner", "expected user or user:group, got '" + owner + "'");
        }
        if (source.isBlank()) throw ConfigError.at(item.origin(), path + ".source", "missing: the file under " + resourcesDir + " to push");
        if (dest.isBlank()) throw ConfigError.at(item.origin(), path + ".dest", "missing: the remote path");
        if (!Files.isRegularFile(resourcesDir.resolve(source))) {
            throw ConfigError.at(r.getValue("source").origin(), path + ".source", "no file " + resourcesDir.resolve(source));
        }
        int bits;
        try {
            bits = Integer.parseInt(mode, 8);
            if (bits < 0 || bits > 07777) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            throw ConfigError.at(r.getValue("mode").origin(), path + ".mode", "expected octal permissions like \"0644\", got '" + mode + "'");
        }
        return new ResourceSpec(source, dest, bits, owner);
    }

    private static List<RoleSpec> ordered(Map<String, RoleSpec> byName, Config c) {
        List<RoleSpec> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Map<String, Integer> state = new HashMap<>();
        for (String name : byName.keySet()) visit(name, byName, state, done, out, c, new ArrayList<>());
        return List.copyOf(out);
    }

    private static void visit(String name, Map<String, RoleSpec> byName, Map<String, Integer> state, Set<String> done,
                              List<RoleSpec> out, Config c, List<String> trail) {
        if (done.contains(name)) return;
        trail.add(name);
        if (state.getOrDefault(name, 0) == 1) {
            ConfigValue v = c.getValue("roles." + name + ".after");
            throw ConfigError.at(v.origin(), "roles." + name + ".after", "roles wait on each other in a cycle: " + String.join(" -> ", trail));
        }
        state.put(name, 1);
        for (String dep : byName.get(name).after()) visit(dep, byName, state, done, out, c, trail);
        trail.remove(trail.size() - 1);
        done.add(name);
        out.add(byName.get(name));
    }

    public RoleSpec withCount(int n) {
        return new RoleSpec(name, n, after, resources, setup, logs, vars, certificate, reload, recipe);
    }
}
