package org.flotilla.provision;

import org.apache.sshd.client.session.ClientSession;
import org.flotilla.config.Settings;
import org.flotilla.fleet.Fleet;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Outcome;
import org.flotilla.output.HostLog;
import org.flotilla.provider.Provider;
import org.flotilla.ssh.OnEachHost;
import org.flotilla.ssh.Remote;
import org.flotilla.ssh.SshFailure;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Reaches hosts and configures them: each host is connected the moment it has an address;
 * once its SSH session is up it goes on the configurers' queue (after its role's `after`
 * roles are READY); the fan-out's pool (provision.configurers threads) drains the queue, one
 * host each. The session stays held for the run's later work on the host.
 */
public final class Provisioner {
    private final Settings settings;
    private final Fleet fleet;
    private final Provider provider;
    private final OnEachHost hosts;
    private final Configurer configurer;
    private final HostLog log;

    public Provisioner(Settings settings, Fleet fleet, Provider provider, OnEachHost hosts, Configurer configurer, HostLog log) {
        this.settings = settings;
        this.fleet = fleet;
        this.provider = provider;
        this.hosts = hosts;
        this.configurer = configurer;
        this.log = log;
    }

    /** Starts a pass over these host ids (role -> ids); hosts join it with {@link Pass#reach}. */
    public Pass pass(Map<String, List<String>> hostsByRole) {
        return new Pass(hostsByRole);
    }

    /** One configuration pass: `up`'s first, or a later `configure`. */
    public final class Pass {
        private final Set<String> members;
        private final Set<String> settled = ConcurrentHashMap.newKeySet();
        private final Map<String, String> failed = new ConcurrentHashMap<>();
        private final CountDownLatch remaining;
        private final RoleGate<Reached> gate;

        private record Reached(Host host, ClientSession session) {
        }

        Pass(Map<String, List<String>> hostsByRole) {
            members = hostsByRole.values().stream().flatMap(Collection::stream).collect(Collectors.toSet());
            remaining = new CountDownLatch(members.size());
            gate = new RoleGate<>(settings, hostsByRole, new RoleGate.Outcome<>() {
                @Override
                public void release(Reached r) {
                    hosts.executor().execute(() -> configure(r));
                }

                @Override
                public void refuse(Reached r, String reason) {
                    hosts.sessions().drop(r.host());
                    settle(r.host(), false, reason);
                }
            });
        }

        /** The host has an address: connect to it (without blocking), then queue it for configuring. */
        public void reach(Host host) {
            var refused = provider.refuseConnection(host);
            if (refused.isPresent()) {
                settle(host, false, refused.get());
                return;
            }
            log.write(host, "reaching " + host.endpoint() + " as " + host.user());
            hosts.reachOffIo(host).whenComplete((session, error) -> {
                if (error != null) {
                    Throwable cause = error instanceof SshFailure ? error : error.getCause() != null ? error.getCause() : error;
                    settle(host, false, cause.getMessage());
                    return;
                }
                fleet.set(host, HostState.REACHABLE, null);
                gate.offer(host.role(), new Reached(host, session));
            });
        }

        /** The host runs and is left at that (`up --no-configure`): it counts as done, not failed. */
        public void running(Host host) {
            if (!members.contains(host.id()) || !settled.add(host.id())) return;
            log.write(host, "running at " + host.endpoint() + "; not configured (--no-configure)");
            remaining.countDown();
        }

        /** The host will never be reached (it did not come up, its launch failed). */
        public void fail(Host host, String reason) {
            settle(host, false, reason);
        }

        private void configure(Reached r) {
            Host host = r.host();
            fleet.set(host, HostState.CONFIGURING, null);
            long start = System.nanoTime();
            try (Remote remote = new Remote(r.session(), settings.ssh().commandTimeout())) {
                configurer.configure(host, remote);
                log.write(host, "READY after " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms of configuring");
                settle(host, true, null);
            } catch (StepFailure e) {
                settle(host, false, e.getMessage());
            } catch (RuntimeException e) {
                settle(host, false, "internal error: " + e);
            }
        }

        private void settle(Host host, boolean ready, String error) {
            if (!members.contains(host.id()) || !settled.add(host.id())) return;
            if (!ready) {
                failed.put(host.id(), error);
                log.write(host, "FAILED: " + error);
            }
            fleet.set(host, ready ? HostState.READY : HostState.FAILED, error);
            gate.settled(host.id(), host.role(), ready, error);
            remaining.countDown();
        }

        public boolean isSettled(String hostId) {
            return settled.contains(hostId);
        }

        public boolean done() {
            return remaining.getCount() == 0;
        }

        public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
            return remaining.await(timeout, unit);
        }

        public Outcome outcome() {
            return new Outcome(members.size(), members.size() - failed.size() - (int) remaining.getCount(),
                    new TreeMap<>(failed));
        }
    }
}
