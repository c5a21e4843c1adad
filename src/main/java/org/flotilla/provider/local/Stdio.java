package org.flotilla.provider.local;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/** A running command's three standard streams, each a unix socket whose other end is its fd 0, 1 or 2. */
record Stdio(SocketChannel stdin, SocketChannel stdout, SocketChannel stderr) implements Closeable {
    @Override
    public void close() {
        for (SocketChannel c : new SocketChannel[] {stdin, stdout, stderr}) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing: the command sees its end of the stream, which is all that is meant
            }
        }
    }
}
