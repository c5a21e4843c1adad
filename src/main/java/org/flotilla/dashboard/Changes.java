package org.flotilla.dashboard;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The hosts that changed since one page was last sent its rows. */
final class Changes {
    private final Set<String> marked = new LinkedHashSet<>();

    synchronized void mark(String hostId) {
        marked.add(hostId);
        notifyAll();
    }

    /**
     * The marked hosts, once there are any (or an empty list after {@code waitMs}); a first mark
     * waits {@code gatherMs} for company, so a burst of changes goes to the page as one message.
     */
    synchronized List<String> take(long waitMs, long gatherMs) throws InterruptedException {
        long until = System.currentTimeMillis() + waitMs;
        while (marked.isEmpty()) {
            long left = until - System.currentTimeMillis();
            if (left <= 0) return List.of();
            wait(left);
        }
        long sendAt = System.currentTimeMillis() + gatherMs;
        for (long left = gatherMs; left > 0; left = sendAt - System.currentTimeMillis()) wait(left); // others mark meanwhile
        List<String> taken = List.copyOf(marked);
        marked.clear();
        return taken;
    }
}
