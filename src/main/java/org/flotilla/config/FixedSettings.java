package org.flotilla.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;

/** The fixed provider: hosts that already exist. */
public record FixedSettings(List<FixedHost> hosts) {

    /** An existing host; empty user/key/port 0 mean the ssh.* defaults. */
    public record FixedHost(String role, String address, int port, String user, Optional<Path> key) {
    }

    static FixedSettings from(Config c) {
        List<FixedHost> hosts = new ArrayList<>();
        List<? extends ConfigObject> items = c.getObjectList("fixed.hosts");
        for (int i = 0; i < items.size(); i++) {
            ConfigObject item = items.get(i);
            Config h = item.toConfig().withFallback(c.getConfig("fixed-host-defaults"));
            String path = "fixed.hosts[" + i + "]";
            if (h.getString("address").isBlank()) throw ConfigError.at(item.origin(), path + ".address", "missing: the host's address");
            if (h.getString("role").isBlank()) throw ConfigError.at(item.origin(), path + ".role", "missing: the role this host plays");
            String key = h.getString("key");
            hosts.add(new FixedHost(h.getString("role"), h.getString("address"), h.getInt("port"), h.getString("user"),
                    key.isBlank() ? Optional.empty() : Optional.of(Paths.expand(key))));
        }
        return new FixedSettings(List.copyOf(hosts));
    }

    /** With the fixed provider a role has as many hosts as are listed for it. */
    List<RoleSpec> countRoles(List<RoleSpec> roles, Config c) {
        List<ConfigObject> items = new ArrayList<>(c.getObjectList("fixed.hosts"));
        for (int i = 0; i < hosts.size(); i++) {
            String role = hosts.get(i).role();
            if (roles.stream().noneMatch(r -> r.name().equals(role))) {
                throw ConfigError.at(items.get(i).origin(), "fixed.hosts[" + i + "].role", "no role '" + role + "'");
            }
        }
        return roles.stream().map(r -> r.withCount((int) hosts.stream().filter(h -> h.role().equals(r.name())).count())).toList();
    }
}
