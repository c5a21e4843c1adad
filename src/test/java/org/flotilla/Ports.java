package org.flotilla;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** What a user's `nc -z 127.0.0.1 PORT` would tell. */
public final class Ports {
    private Ports() {
    }

    public static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
