package org.flotilla.provider.fixed;

import org.flotilla.config.ProviderKind;
import org.flotilla.config.FixedSettings;
import org.flotilla.config.RoleSpec;
import org.flotilla.config.SshSettings;
import org.flotilla.fleet.Host;
import org.flotilla.provider.Provider;

import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Hosts that already exist (attach to running machines). They are running from the start;
 * "terminating" one releases it from the run: Flotilla did not start it, so it does not stop it.
 */
public final class FixedProvider implements Provider {
    private final FixedSettings fixed;
    private final SshSettings ssh;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();

    public FixedProvider(FixedSettings fixed, SshSettings ssh) {
        this.fixed = fixed;
        this.ssh = ssh;
    }

    @Override
    public void launch(RoleSpec role, int count, Consumer<List<Host>> named) {
        List<Host> found = new java.util.ArrayList<>();
        int index = 0;
        for (FixedSettings.FixedHost f : fixed.hosts()) {
            if (!f.role().equals(role.name())) continue;
            if (index >= count) break;
            int port = f.port() > 0 ? f.port() : ssh.port();
            Host host = Host.named(role.name(), index, f.address() + ":" + port, f.user().isBlank() ? ssh.user() : f.user())
                    .at(f.address(), port).withKey(f.key().orElse(null));
            found.add(host);
            index++;
        }
        named.accept(found);
        found.forEach(h -> hosts.put(h.id(), h));
    }

    @Override
    public List<Host> poll() {
        return List.copyOf(hosts.values());
    }

    @Override
    public List<PublicKey> hostKeys(Host host) {
        return List.of();
    }

    @Override
    public Map<String, String> terminate(List<Host> toRelease) {
        toRelease.forEach(h -> hosts.remove(h.id()));
        return Map.of();
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.FIXED;
    }

    @Override
    public void close() {
    }
}
