package org.flotilla.provision;

import org.flotilla.config.Settings;
import org.flotilla.fleet.Fleet;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Journal;
import org.flotilla.fleet.JournalEvent;
import org.flotilla.output.HostLog;
import org.flotilla.render.Templates;
import org.flotilla.ssh.OnEachHost;
import org.flotilla.ssh.PerHost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `push`: the resources of some roles, as resources-dir holds them now, to their READY hosts;
 * only files whose bytes changed are uploaded, then the role's reload steps run where any did.
 */
public final class Push {
    private final Settings settings;
    private final Fleet fleet;
    private final Journal journal;
    private final OnEachHost hosts;
    private final Configurer configurer;
    private final Templates templates;
    private final HostLog log;

    public Push(Settings settings, Fleet fleet, Journal journal, OnEachHost hosts, Configurer configurer, Templates templates, HostLog log) {
        this.settings = settings;
        this.fleet = fleet;
        this.journal = journal;
        this.hosts = hosts;
        this.configurer = configurer;
        this.templates = templates;
        this.log = log;
    }

    /** One result per host of the roles, READY or not (a host that is not READY is left alone). */
    public List<HostPush> to(List<String> roles) throws InterruptedException {
        templates.reread(); // what the user edited since the last pass
        List<Host> members = fleet.hosts().stream().filter(h -> roles.contains(h.role())).toList();
        journal.append(new JournalEvent.PushStarted(roles, members.size()));
        List<Host> ready = members.stream().filter(h -> fleet.state(h.id()) == HostState.READY && h.hasAddress()).toList();
        Map<Host, PerHost<HostPush>> done = hosts.run(ready, settings.provision().configurers(), null, (h, remote) -> {
            try {
                return configurer.push(h, remote);
            } catch (StepFailure e) {
                log.write(h, "push FAILED: " + e.getMessage());
                return failed(h, e.getMessage());
            }
        });
        List<HostPush> results = new ArrayList<>();
        for (Host h : members) {
            PerHost<HostPush> r = done.get(h);
            results.add(r == null ? failed(h, "not pushed: the host is " + fleet.state(h.id())) : r.ok() ? r.value() : failed(h, r.failure()));
        }
        journal.append(new JournalEvent.Pushed(results.stream().mapToInt(r -> r.uploaded().size()).sum(),
                (int) results.stream().filter(HostPush::reloaded).count(),
                results.stream().filter(r -> r.error() != null).map(HostPush::host).toList()));
        return results;
    }

    private static HostPush failed(Host h, String why) {
        return new HostPush(h.id(), h.role(), List.of(), List.of(), false, why);
    }
}
