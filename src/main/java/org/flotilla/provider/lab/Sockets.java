package org.flotilla.provider.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a TCP port listens, read from a /proc/.../net/tcp table rather than by connecting: a
 * test connection would start a relay's leg, and the table of a process in the lab namespace
 * shows that namespace's sockets.
 */
final class Sockets {
    private static final String LISTEN = "0A";

    private Sockets() {
    }

    /** A socket listening on 127.0.0.1:port in this process's namespace. */
    static boolean listeningOnLoopback(int port) {
        return listeningOn("127.0.0.1", port);
    }

    /** A socket listening on this IPv4 address and port in this process's namespace. */
    static boolean listeningOn(String ipv4, int port) {
        int address = 0;
        String[] octets = ipv4.split("\\.");
        for (int i = 0; i < 4; i++) address |= Integer.parseInt(octets[i]) << (8 * i); // the table shows it in host (little-endian) order
        return listening(Path.of("/proc/net/tcp"), String.format(Locale.ROOT, "%08X:%04X", address, port));
    }

    /** A socket listening on the port, at any address, in the namespace of the process. */
    static boolean listeningIn(long pid, int port) {
        return listening(Path.of("/proc", Long.toString(pid), "net", "tcp"), String.format(Locale.ROOT, ":%04X", port));
    }

    private static boolean listening(Path table, String localEnd) {
        try {
            for (String line : Files.readAllLines(table)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(localEnd) && f[3].equals(LISTEN)) return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
