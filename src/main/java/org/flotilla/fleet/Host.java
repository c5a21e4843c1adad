package org.flotilla.fleet;

import java.nio.file.Path;

/**
 * One machine of the fleet.
 *
 * @param id         the run-unique name, {@code <role>-<index>}
 * @param providerId what the provider calls it (an instance id, a local port)
 * @param address    null until the provider reports it running
 * @param key        the private key for this host, or null for ssh.key
 */
public record Host(String id, String role, int index, String providerId, String address, int port, String user, Path key) {

    public static String idOf(String role, int index) {
        return role + "-" + index;
    }

    public Host at(String newAddress, int newPort) {
        return new Host(id, role, index, providerId, newAddress, newPort, user, key);
    }

    public boolean hasAddress() {
        return address != null && !address.isEmpty();
    }

    /** "127.0.0.1:2222", or the address alone on port 22. */
    public String endpoint() {
        if (!hasAddress()) return "-";
        String a = address.contains(":") ? "[" + address + "]" : address;
        return port == 22 ? a : a + ":" + port;
    }
}
