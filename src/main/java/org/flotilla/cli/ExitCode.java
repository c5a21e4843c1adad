package org.flotilla.cli;

/** What Flotilla's exit status means. */
public final class ExitCode {
    public static final int OK = 0;
    /** Some hosts failed: fewer READY than provision.min-ready, or hosts a command could not act on. */
    public static final int HOSTS_FAILED = 1;
    /** Bad usage or bad config: nothing was launched. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
