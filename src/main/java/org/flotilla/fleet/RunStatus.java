package org.flotilla.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as its journal tells it: each host's latest state, and when it reached each state.
 *
 * @param report what the provider said at the end of `up` (e.g. API calls made)
 * @param downReason why the daemon tore the fleet down by itself (idle-stop), or null
 * @param down whether a `down` has been journaled
 */
public record RunStatus(String runId, String provider, Instant start, List<HostStatus> hosts, boolean provisioned,
                        List<String> report, String downReason, boolean down) {

    /** One host as the journal last saw it. */
    public record HostStatus(Host host, HostState state, String error, Map<HostState, Instant> reached) {
    }

    /** The run's status from its whole journal; to follow a growing journal, keep a {@link StatusReader}. */
    public static RunStatus read(Run run) {
        return new StatusReader(run).read();
    }

    /** A `down` went through and left no host of the run alive. */
    public boolean terminated() {
        return down && count(HostState.TERMINATED) == hosts.size();
    }

    public long count(HostState state) {
        return hosts.stream().filter(h -> h.state() == state).count();
    }
}
