package org.flotilla.ssh;

/**
 * Why a host could not be reached or a step failed. Transient failures (refused while
 * booting, reset, timed out) are retried; permanent ones (auth refused, host key changed) are not.
 */
public class SshFailure extends Exception {
    private final boolean transientFailure;

    public SshFailure(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public static SshFailure permanent(String message) {
        return new SshFailure(message, false, null);
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
