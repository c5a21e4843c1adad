package org.flotilla.ssh;

/**
 * A file to put on a host: its bytes, where (relative paths are under the login directory), its
 * mode, and who owns it ("user" or "user:group"; empty: whoever writes it).
 */
public record Upload(byte[] content, String dest, int mode, String owner) {

    public Upload(byte[] content, String dest, int mode) {
        this(content, dest, mode, "");
    }
}
