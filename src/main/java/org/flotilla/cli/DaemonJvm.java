package org.flotilla.cli;

import java.util.List;

/**
 * The JVM options a detached daemon inherits from the `up` that starts it: the launcher's choices
 * for a process that holds a fleet (serial collector, C1, a small young generation: a daemon holding
 * a thousand sessions otherwise grows its heap toward a quarter of the machine's memory) and the
 * user's FLOTILLA_JAVA_OPTS heap and GC settings. Not inherited: Flight Recorder (a recording
 * belongs to the process it was asked of, and two would write one file) and agents.
 */
final class DaemonJvm {
    private DaemonJvm() {
    }

    static List<String> options(List<String> ofThisJvm) {
        return ofThisJvm.stream()
                .filter(o -> o.startsWith("-X"))
                .filter(o -> !o.contains("FlightRecord"))
                .toList();
    }
}
