package org.flotilla.provision;

import org.flotilla.config.RoleSpec;
import org.flotilla.config.Settings;
import org.flotilla.fleet.Fleet;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;
import org.flotilla.output.HostLog;
import org.flotilla.provider.Provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * While the fleet is held: notices hosts that went away without `down` (the provider tells, e.g.
 * a spot interruption) and marks them INTERRUPTED; with provision.replace, launches a host of the
 * same role in its place, which is configured like any other once it runs.
 */
public final class Watch {
    private final Settings settings;
    private final Fleet fleet;
    private final Provider provider;
    private final Provisioner provisioner;
    private final HostLog log;
    private final Map<String, Provisioner.Pass> replacing = new ConcurrentHashMap<>();

    public Watch(Settings settings, Fleet fleet, Provider provider, Provisioner provisioner, HostLog log) {
        this.settings = settings;
        this.fleet = fleet;
        this.provider = provider;
        this.provisioner = provisioner;
        this.log = log;
    }

    /** One look: called every provision.watch-interval by the daemon's watch thread. */
    public synchronized void check() {
        List<Host> running = provider.poll();
        if (!replacing.isEmpty()) {
            for (Host h : running) {
                Provisioner.Pass pass = replacing.remove(h.id());
                if (pass == null) continue;
                fleet.booting(h);
                pass.reach(h);
            }
        }
        provider.gone().forEach((id, why) -> {
            Host lost = fleet.host(id);
            HostState state = fleet.state(id);
            if (lost == null || state == HostState.TERMINATED || state == HostState.INTERRUPTED) return;
            log.write(lost, "INTERRUPTED: " + why);
            fleet.set(lost, HostState.INTERRUPTED, why);
            if (settings.provision().replace()) replace(lost);
        });
    }

    private void replace(Host lost) {
        RoleSpec role = settings.role(lost.role());
        List<Host> named = new ArrayList<>();
        try {
            provider.launch(role, 1, hosts -> {
                fleet.named(hosts);
                named.addAll(hosts);
            });
        } catch (RuntimeException e) {
            log.write(lost, "no replacement: its launch failed: " + e.getMessage());
            return;
        }
        for (Host h : named) {
            log.write(lost, "replaced by " + h.id() + " (provision.replace)");
            log.write(h, "launched in place of " + lost.id() + ", which was INTERRUPTED");
            replacing.put(h.id(), provisioner.pass(Map.of(role.name(), List.of(h.id()))));
        }
    }
}
