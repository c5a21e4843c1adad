package org.flotilla.fleet;

/** A host's lifecycle, in order. FAILED and TERMINATED are where it can end. */
public enum HostState {
    /** The provider has named it (an id exists) but it is not running yet. */
    REQUESTED,
    /** Running with an address; its SSH server does not answer yet. */
    BOOTING,
    /** Its SSH server answered and Flotilla logged in. */
    REACHABLE,
    CONFIGURING,
    READY,
    FAILED,
    TERMINATED;

    public boolean settled() {
        return this == READY || this == FAILED || this == TERMINATED;
    }
}
