package org.flotilla.fleet;

import java.nio.file.Path;

/**
 * One machine of the fleet. Made by {@link #named} (its id by {@link #idOf}, the one place ids
 * are made), then given an address by {@link #at} and, for a host with a key of its own, {@link #withKey}.
 *
 * @param id         the run-unique name, {@code <role>-<index>}
 * @param providerId what the provider calls it (an instance id, a local port)
 * @param address    null until the provider reports it running
 * @param key        the private key for this host, or null for ssh.key
 */
public record Host(String id, String role, int index, String providerId, String address, int port, String user, Path key) {

    /** The id of a role's host of this index: the one place ids are made. */
    public static String idOf(String role, int index) {
        return role + "-" + index;
    }

    /**
     * A host as the provider names it, before it runs: no address yet, logged in to as
     * {@code user} with ssh.key (or the run's own key).
     *
     * @param providerId null for a host the provider never named (its launch failed)
     */
    public static Host named(String role, int index, String providerId, String user) {
        return new Host(idOf(role, index), role, index, providerId, null, 0, user, null);
    }

    public Host at(String newAddress, int newPort) {
        return new Host(id, role, index, providerId, newAddress, newPort, user, key);
    }

    /** This host logged in to with its own private key (a fixed host's), null for ssh.key. */
    public Host withKey(Path ownKey) {
        return new Host(id, role, index, providerId, address, port, user, ownKey);
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
