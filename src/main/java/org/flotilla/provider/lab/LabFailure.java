package org.flotilla.provider.lab;

/** A lab tool refused or failed: the message names the command and what it said. */
public final class LabFailure extends RuntimeException {
    public LabFailure(String message) {
        super(message);
    }
}
