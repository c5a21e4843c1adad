package org.flotilla.provision;

/** A recipe step that failed on a host; the message is what the summary shows. */
public class StepFailure extends Exception {
    public StepFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
