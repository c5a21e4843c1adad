package org.flotilla.ssh;

/** A file to put on a host: its bytes, where (relative paths are under the login directory), and its mode. */
public record Upload(byte[] content, String dest, int mode) {
}
