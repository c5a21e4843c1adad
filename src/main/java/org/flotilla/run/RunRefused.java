package org.flotilla.run;

/** A command that cannot act on a run as things stand, and says why; nothing was done. */
public final class RunRefused extends RuntimeException {
    public RunRefused(String message) {
        super(message);
    }
}
