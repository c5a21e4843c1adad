package org.flotilla.provision;

import org.flotilla.config.RoleSpec;
import org.flotilla.config.Settings;
import org.flotilla.fleet.Fleet;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.Outcome;
import org.flotilla.provider.Provider;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * `up`'s pipeline: this (the provider) thread launches every role's hosts, then polls the
 * provider; each host that runs with an address is handed to the provisioner at once,
 * which connects, queues and configures it. No barrier waits for the whole fleet.
 */
public final class ProvisionPipeline {
    private final Settings settings;
    private final Fleet fleet;
    private final Provider provider;
    private final Provisioner provisioner;

    public ProvisionPipeline(Settings settings, Fleet fleet, Provider provider, Provisioner provisioner) {
        this.settings = settings;
        this.fleet = fleet;
        this.provider = provider;
        this.provisioner = provisioner;
    }

    /**
     * Runs until every host is READY or FAILED, or {@code stop} is set. With {@code configure}
     * false a host is done once it runs with an address: nothing connects to it.
     */
    public Outcome run(AtomicBoolean stop, boolean configure) throws InterruptedException {
        Map<String, List<Host>> expected = expected();
        Map<String, List<String>> ids = new LinkedHashMap<>();
        expected.forEach((role, hosts) -> ids.put(role, hosts.stream().map(Host::id).toList()));
        Provisioner.Pass pass = provisioner.pass(ids);
        long launchedAt = System.nanoTime();
        for (RoleSpec role : settings.roles()) {
            if (stop.get()) break;
            try {
                provider.launch(role, role.count(), fleet::named);
            } catch (RuntimeException e) {
                for (Host h : expected.get(role.name())) {
                    if (fleet.host(h.id()) == null) fleet.named(h); // the provider never named it: journal it as failed
                    pass.fail(fleet.host(h.id()), "launch failed: " + e.getMessage());
                }
            }
        }
        Set<String> seen = new HashSet<>();
        long giveUp = launchedAt + settings.ssh().connectTimeout().toNanos();
        long pollMs = Math.max(10, settings.provision().pollInterval().toMillis());
        while (!stop.get() && !pass.done()) {
            if (seen.size() < settings.hostCount()) {
                for (Host h : provider.poll()) {
                    if (seen.add(h.id()) && !pass.isSettled(h.id())) {
                        fleet.booting(h);
                        if (configure) pass.reach(h);
                        else pass.running(h);
                    }
                }
                provider.gone().forEach((id, why) -> {
                    Host h = fleet.host(id);
                    if (h != null) pass.fail(h, why);
                });
                if (System.nanoTime() > giveUp) {
                    for (Host h : fleet.hosts()) {
                        if (!seen.contains(h.id())) {
                            pass.fail(h, "never came up: no address after " + settings.ssh().connectTimeout().toSeconds() + "s");
                        }
                    }
                }
            }
            pass.await(pollMs, TimeUnit.MILLISECONDS);
        }
        return pass.outcome();
    }

    /** Every host of every role as the provider will name it, to be waited for from the start. */
    private Map<String, List<Host>> expected() {
        Map<String, List<Host>> byRole = new LinkedHashMap<>();
        for (RoleSpec role : settings.roles()) {
            List<Host> hosts = new ArrayList<>();
            for (int i = 0; i < role.count(); i++) hosts.add(Host.named(role.name(), i, null, settings.ssh().user()));
            byRole.put(role.name(), hosts);
        }
        return byRole;
    }
}
