package org.flotilla.ssh;

import java.io.IOException;

/** An upload that failed, and which file it was. */
public final class UploadFailure extends IOException {
    private final String dest;

    public UploadFailure(String dest, String message) {
        super(message);
        this.dest = dest;
    }

    public String dest() {
        return dest;
    }
}
