package org.flotilla.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What idle-stop looks at: when a command last touched the fleet, and what is still busy with it.
 * A command in another process is busy for as long as that process lives (a `flotilla run`
 * until its test ends; one that crashes stops counting when it dies); work in the daemon's own
 * process (the tests of `flotilla test`) is busy until its handle is closed.
 */
final class Activity {
    private final Map<Object, String> busy = new LinkedHashMap<>();
    private Instant last;
    private String lastWhat;

    Activity(Instant start, String what) {
        last = start;
        lastWhat = what;
    }

    /** Something touched the fleet just now. */
    synchronized void touch(String what, Instant now) {
        last = now;
        lastWhat = what;
    }

    /** A command in process {@code pid} touched the fleet; it stays busy while the process lives. */
    synchronized void touch(String command, long pid, Instant now) {
        noteDone(now);
        touch(command, now);
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(p -> busy.put(p, command));
    }

    /** Busy until the returned action runs. */
    synchronized Runnable busy(String what, Instant now) {
        Object key = new Object();
        touch(what, now);
        busy.put(key, what);
        return () -> {
            synchronized (this) {
                busy.remove(key);
                touch(what, Instant.now());
            }
        };
    }

    /** How long nothing has touched the fleet and nothing is busy with it; empty while something is. */
    synchronized Optional<Duration> idle(Instant now) {
        noteDone(now);
        return busy.isEmpty() ? Optional.of(Duration.between(last, now)) : Optional.empty();
    }

    /** When the fleet was last touched, and by what. */
    synchronized String lastTouch() {
        return last + " (the last: " + lastWhat + ")";
    }

    private void noteDone(Instant now) {
        List<Object> ended = new ArrayList<>();
        busy.forEach((key, what) -> {
            if (key instanceof ProcessHandle p && !p.isAlive()) ended.add(key);
        });
        for (Object key : ended) {
            lastWhat = busy.remove(key);
            last = now;
        }
    }
}
