package org.flotilla.dashboard;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The pages open now, each with what it has not been sent yet. With none open, a change costs nothing more. */
final class Pages {
    private final List<Changes> open = new CopyOnWriteArrayList<>();

    Changes open() {
        Changes c = new Changes();
        open.add(c);
        return c;
    }

    void close(Changes c) {
        open.remove(c);
    }

    boolean any() {
        return !open.isEmpty();
    }

    void mark(String hostId) {
        for (Changes c : open) c.mark(hostId);
    }

    void post(String event, Object body) {
        Changes.Event e = new Changes.Event(event, body);
        for (Changes c : open) c.post(e);
    }
}
