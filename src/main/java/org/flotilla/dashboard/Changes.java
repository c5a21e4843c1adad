package org.flotilla.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What one open page has not been sent yet: hosts that changed, and events (a test's progress, an action's end). */
final class Changes {
    /** A named server-sent event for the page. */
    record Event(String name, Object body) {
    }

    /** What a page is sent in one go. */
    record Batch(List<String> hosts, List<Event> events) {
        boolean isEmpty() {
            return hosts.isEmpty() && events.isEmpty();
        }
    }

    private final Set<String> hosts = new LinkedHashSet<>();
    private final List<Event> events = new ArrayList<>();

    synchronized void mark(String hostId) {
        hosts.add(hostId);
        notifyAll();
    }

    synchronized void post(Event event) {
        events.add(event);
        notifyAll();
    }

    /**
     * What is pending, once anything is (an empty batch after {@code waitMs}); the first change
     * waits {@code gatherMs} for company, so a burst goes to the page as one message.
     */
    synchronized Batch take(long waitMs, long gatherMs) throws InterruptedException {
        long until = System.currentTimeMillis() + waitMs;
        while (hosts.isEmpty() && events.isEmpty()) {
            long left = until - System.currentTimeMillis();
            if (left <= 0) return new Batch(List.of(), List.of());
            wait(left);
        }
        long sendAt = System.currentTimeMillis() + gatherMs;
        for (long left = gatherMs; left > 0; left = sendAt - System.currentTimeMillis()) wait(left); // others change meanwhile
        Batch b = new Batch(List.copyOf(hosts), List.copyOf(events));
        hosts.clear();
        events.clear();
        return b;
    }
}
