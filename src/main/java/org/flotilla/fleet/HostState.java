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
    /** It went away without `down` (a spot interruption, an instance terminated by someone else); the error says why. */
    INTERRUPTED,
    TERMINATED;

    public boolean settled() {
        return this == READY || this == FAILED || this == INTERRUPTED || this == TERMINATED;
    }
}
