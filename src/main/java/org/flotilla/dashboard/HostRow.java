package org.flotilla.dashboard;

import org.flotilla.fleet.Host;
import org.flotilla.fleet.HostState;

/**
 * One row of the Fleet view, as the page gets it.
 *
 * @param since when the host entered its state (epoch milliseconds, the daemon's clock)
 */
record HostRow(String id, String role, String address, HostState state, long since, String error) {

    static HostRow of(Host host, HostState state, String error, long since) {
        return new HostRow(host.id(), host.role(), host.endpoint(), state, since, error);
    }
}
