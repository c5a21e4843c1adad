package org.flotilla.ssh;

import org.apache.sshd.client.session.ClientSession;
import org.flotilla.fleet.Host;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way this process does something on many hosts: reach each through the held sessions
 * (pin, then connect), do the work on a bounded pool of threads (never on the SSH client's own
 * I/O threads, where a blocking exec would wait on itself), and give back each host's value or
 * failure. A host's work that outlasts its time has its session closed under it, which ends
 * whatever it was waiting on.
 */
public final class OnEachHost implements AutoCloseable {
    /** Work on one host over its session. */
    public interface Work<T> {
        T on(Host host, Remote remote) throws Exception;
    }

    private final HeldSessions sessions;
    private final Duration commandTimeout;
    private final ScheduledExecutorService timer;
    private final ThreadPoolExecutor pool;

    /** @param threads the most hosts worked on at once in this process, whatever the call */
    public OnEachHost(HeldSessions sessions, int threads, Duration commandTimeout, ScheduledExecutorService timer) {
        this.sessions = sessions;
        this.commandTimeout = commandTimeout;
        this.timer = timer;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "on-host-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    public HeldSessions sessions() {
        return sessions;
    }

    /** The pool the work runs on, for work that reaches hosts as they come (the configure pass). */
    public Executor executor() {
        return pool;
    }

    /**
     * Does {@code work} on every host, at most {@code parallel} at once; one result per host, in
     * the order given.
     *
     * @param perHost the most one host may take, connecting included (null: no limit beyond ssh's own timeouts)
     */
    public <T> Map<Host, PerHost<T>> run(List<Host> hosts, int parallel, Duration perHost, Work<T> work) throws InterruptedException {
        Semaphore slots = new Semaphore(Math.max(1, parallel));
        Map<Host, CompletableFuture<PerHost<T>>> running = new LinkedHashMap<>();
        for (Host h : hosts) {
            slots.acquire();
            running.put(h, CompletableFuture.supplyAsync(() -> attempt(h, perHost, work), pool).whenComplete((r, e) -> slots.release()));
        }
        Map<Host, PerHost<T>> results = new LinkedHashMap<>();
        for (var e : running.entrySet()) {
            try {
                results.put(e.getKey(), e.getValue().get());
            } catch (ExecutionException failure) {
                results.put(e.getKey(), PerHost.failed("internal error: " + failure.getCause()));
            }
        }
        return results;
    }

    private <T> PerHost<T> attempt(Host host, Duration perHost, Work<T> work) {
        ClientSession session;
        try {
            session = sessions.reach(host).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PerHost.failed("interrupted");
        } catch (ExecutionException e) {
            return PerHost.failed("unreachable: " + e.getCause().getMessage());
        }
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> watchdog = perHost == null ? null : timer.schedule(() -> {
            late.set(true);
            session.close(true);
        }, perHost.toMillis(), TimeUnit.MILLISECONDS);
        try (Remote remote = new Remote(session, commandTimeout)) {
            return PerHost.done(work.on(host, remote));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PerHost.failed("interrupted");
        } catch (Exception e) {
            return PerHost.failed(late.get() ? "no answer within " + perHost.toSeconds() + "s" : String.valueOf(e.getMessage()));
        } finally {
            if (watchdog != null) watchdog.cancel(false);
        }
    }

    /**
     * A session to every host, all open at the same time (a test fires on all of them at one
     * instant): the hosts that cannot be reached within {@code wait} are failures.
     */
    public Map<Host, PerHost<ClientSession>> openAll(List<Host> hosts, Duration wait) throws InterruptedException {
        Map<Host, CompletableFuture<ClientSession>> reaching = new LinkedHashMap<>();
        for (Host h : hosts) reaching.put(h, reachOffIo(h));
        long deadline = System.nanoTime() + wait.toNanos();
        Map<Host, PerHost<ClientSession>> open = new LinkedHashMap<>();
        for (var e : reaching.entrySet()) {
            try {
                open.put(e.getKey(), PerHost.done(e.getValue().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)));
            } catch (ExecutionException | TimeoutException failure) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                open.put(e.getKey(), PerHost.failed("unreachable: " + cause.getMessage()));
            }
        }
        return open;
    }

    /** {@link HeldSessions#reach}, proving a held session alive on this pool: it is a round trip, and hosts are many. */
    public CompletableFuture<ClientSession> reachOffIo(Host host) {
        return sessions.reach(host, pool);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        sessions.close();
    }
}
