package org.flotilla.cli;

/** The command line is wrong; the message says how, and the command's help follows. */
public class UsageError extends RuntimeException {
    public UsageError(String message) {
        super(message);
    }
}
