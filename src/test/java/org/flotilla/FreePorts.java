package org.flotilla;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port for a daemon a test starts, free when asked. Picked below the kernel's ephemeral range
 * (32768-60999): a port the kernel hands out for bind(0) may be taken as an outgoing connection's
 * source port before the daemon binds it (nginx once failed so).
 */
public final class FreePorts {
    private static final int FROM = 20000;
    private static final int COUNT = 12000;

    private FreePorts() {
    }

    public static int loopback() throws IOException {
        return on("127.0.0.1");
    }

    public static int on(String address) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = FROM + ThreadLocalRandom.current().nextInt(COUNT);
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(address, port));
                return port;
            } catch (BindException taken) {
                // another one
            }
        }
        throw new IOException("no free port on " + address + " in " + FROM + ".." + (FROM + COUNT - 1) + " after 200 tries");
    }
}
