package org.flotilla.fleet;

import java.util.Map;

/** How a pass over the fleet ended: hosts READY, and each FAILED host with its reason. */
public record Outcome(int total, int ready, Map<String, String> failed) {

    public boolean meets(int required) {
        return ready >= required;
    }
}
