package org.flotilla.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;

/** The fixed provider: hosts that already exist. */
public record FixedSettings(List<FixedHost> hosts) {

    /**
     * An existing host; empty user/key/port 0 mean the ssh.* defaults.
     *
     * @param where where it is listed, for error messages ("hosts.txt:3", "fleet.conf:12")
     */
    public record FixedHost(String role, String address, int port, String user, Optional<Path> key, String where) {
    }

    static FixedSettings from(Config c, List<RoleSpec> roles) {
        List<FixedHost> hosts = new ArrayList<>();
        List<? extends ConfigObject> items = c.getObjectList("fixed.hosts");
        for (int i = 0; i < items.size(); i++) {
            ConfigObject item = items.get(i);
            Config h = item.toConfig().withFallback(c.getConfig("fixed-host-defaults"));
            String path = "fixed.hosts[" + i + "]";
            if (h.getString("address").isBlank()) throw ConfigError.at(item.origin(), path + ".address", "missing: the host's address");
            if (h.getString("role").isBlank()) throw ConfigError.at(item.origin(), path + ".role", "missing: the role this host plays");
            refuse(h, "address", path, SshTarget.hostProblem(h.getString("address")));
            refuse(h, "user", path, SshTarget.userProblem(h.getString("user")));
            if (h.getInt("port") != 0) refuse(h, "port", path, SshTarget.portProblem(h.getInt("port")));
            String key = h.getString("key");
            hosts.add(new FixedHost(h.getString("role"), h.getString("address"), h.getInt("port"), h.getString("user"),
                    key.isBlank() ? Optional.empty() : Optional.of(Paths.expand(key)), ConfigError.where(item.origin()) + path));
        }
        String file = c.getString("fixed.hosts-file");
        if (!file.isBlank()) hosts.addAll(HostsFile.read(Paths.expand(file), hostsFileRole(c, roles)));
        return new FixedSettings(List.copyOf(hosts));
    }

    private static void refuse(Config host, String key, String path, String problem) {
        if (problem != null) throw ConfigError.at(host.getValue(key).origin(), path + "." + key, problem);
    }

    /** The role of the hosts-file's hosts: fixed.hosts-file-role, or the config's only role. */
    private static String hostsFileRole(Config c, List<RoleSpec> roles) {
        String role = c.getString("fixed.hosts-file-role");
        if (!role.isBlank()) return role;
        if (roles.size() == 1) return roles.get(0).name();
        throw ConfigError.at(c.getValue("fixed.hosts-file").origin(), "fixed.hosts-file-role",
                "missing: the config has several roles (" + String.join(", ", roles.stream().map(RoleSpec::name).toList())
                        + "); say which one the hosts file's hosts play");
    }

    /** With the fixed provider a role has as many hosts as are listed for it. */
    List<RoleSpec> countRoles(List<RoleSpec> roles) {
        if (hosts.isEmpty()) {
            throw new ConfigError("fixed.hosts: the fixed provider has no hosts: list them in fixed.hosts or give a hosts file (up --hosts FILE)");
        }
        for (FixedHost h : hosts) {
            if (roles.stream().noneMatch(r -> r.name().equals(h.role()))) {
                throw new ConfigError(h.where() + ": no role '" + h.role() + "' (roles: "
                        + String.join(", ", roles.stream().map(RoleSpec::name).toList()) + ")");
            }
        }
        return roles.stream().map(r -> r.withCount((int) hosts.stream().filter(h -> h.role().equals(r.name())).count())).toList();
    }
}
