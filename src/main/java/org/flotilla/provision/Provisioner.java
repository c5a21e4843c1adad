package org.flotilla.provision;

import org.apache.sshd.client.session.ClientSession;
import org.flotilla.config.Settings;
import org.flotilla.fleet.Fleet;
import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;
import org.flotilla.fleet.Outcome;
import org.flotilla.output.HostLog;
import org.flotilla.provider.Provider;
import org.flotilla.ssh.Connector;
import org.flotilla.ssh.HostKeys;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Reaches hosts and configures them: each host is connected the moment it has an address;
 * once its SSH session is up it goes on the configurers' queue (after its role's `after`
 * roles are READY); a pool of configurer threads drains the queue, one host each.
 */
public final class Provisioner implements AutoCloseable {
    private final Settings settings;
    private final Fleet fleet;
    private final Provider provider;
    private final HostKeys hostKeys;
    private final Connector connector;
    private final Configurer configurer;
    private final HostLog log;
    private final ThreadPoolExecutor configurers;

    public Provisioner(Settings settings, Fleet fleet, Provider provider, HostKeys hostKeys, Connector connector,
                       Configurer configurer, HostLog log) {
        this.settings = settings;
        this.fleet = fleet;
        this.provider = provider;
        this.hostKeys = hostKeys;
        this.connector = connector;
        this.configurer = configurer;
        this.log = log;
        AtomicInteger n = new AtomicInteger();
        int size = settings.provision().configurers();
        this.configurers = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "configurer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        configurers.allowCoreThreadTimeOut(true);
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
                    configurers.execute(() -> configure(r));
                }

                @Override
                public void refuse(Reached r, String reason) {
                    r.session().close(true);
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
            hostKeys.pin(host, provider.hostKeys(host));
            log.write(host, "reaching " + host.endpoint() + " as " + host.user());
            connector.connect(host, log::write).whenComplete((session, error) -> {
                if (error != null) {
                    Throwable cause = error instanceof SshFailure ? error : error.getCause() != null ? error.getCause() : error;
                    settle(host, false, cause.getMessage());
                    return;
                }
                fleet.set(host, HostState.REACHABLE, null);
                log.write(host, "reachable: logged in to " + host.endpoint());
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

    @Override
    public void close() {
        configurers.shutdownNow();
    }
}
