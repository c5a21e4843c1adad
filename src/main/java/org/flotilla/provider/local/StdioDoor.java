package org.flotilla.provider.local;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The unix socket where the command runner brings each command's streams: three connections per
 * command, each opening with the command's id and which stream it carries. A command waits here
 * for its three, in whatever order they are accepted.
 */
final class StdioDoor implements Closeable {
    private static final int HEADER = 9; // id (8 bytes, big-endian), stream (0, 1, 2)

    private final ServerSocketChannel listener;
    private final Map<Long, Arriving> expected = new ConcurrentHashMap<>();

    /** One command's streams as they come in. Whoever completes its future owns the streams; the rest are closed. */
    private static final class Arriving {
        final SocketChannel[] streams = new SocketChannel[3];
        final CompletableFuture<Stdio> all = new CompletableFuture<>();

        /** True once all three are in. */
        synchronized boolean add(int stream, SocketChannel c) {
            if (all.isDone() || streams[stream] != null) {
                closeQuietly(c);
                return false;
            }
            streams[stream] = c;
            if (streams[0] == null || streams[1] == null || streams[2] == null) return false;
            Stdio s = new Stdio(streams[0], streams[1], streams[2]);
            if (!all.complete(s)) s.close(); // its command was given up meanwhile
            return true;
        }

        synchronized void fail(IOException why) {
            if (all.completeExceptionally(why)) {
                for (SocketChannel c : streams) if (c != null) closeQuietly(c);
            }
        }
    }

    StdioDoor(Path socket) throws IOException {
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        // A deep backlog: the runner connects for hundreds of commands at once, and waits when it is full.
        listener.bind(UnixDomainSocketAddress.of(socket), 4096);
        Thread t = new Thread(this::acceptAll, "local-host-stdio");
        t.setDaemon(true);
        t.start();
    }

    /** The streams of the command with this id, once all three have come in. */
    CompletableFuture<Stdio> expect(long id) {
        Arriving a = new Arriving();
        expected.put(id, a);
        return a.all;
    }

    /** The command's streams will not all come: whoever waits for them learns why, and those that came are closed. */
    void fail(long id, IOException why) {
        Arriving a = expected.remove(id);
        if (a != null) a.fail(why);
    }

    void failAll(IOException why) {
        expected.keySet().forEach(id -> fail(id, why));
    }

    private void acceptAll() {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (listener.isOpen()) {
            SocketChannel c;
            try {
                c = listener.accept();
            } catch (IOException closed) {
                return;
            }
            try {
                header.clear();
                while (header.hasRemaining()) {
                    if (c.read(header) < 0) throw new IOException("a stream closed before saying whose it is");
                }
                long id = header.getLong(0);
                int stream = header.get(8);
                Arriving a = expected.get(id);
                if (a == null || stream < 0 || stream > 2) closeQuietly(c);
                else if (a.add(stream, c)) expected.remove(id);
            } catch (IOException e) {
                closeQuietly(c); // its command learns of it when the runner reports its end
            }
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing more to do with it
        }
    }

    @Override
    public void close() {
        failAll(new IOException("the local hosts' command runner is closed"));
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
