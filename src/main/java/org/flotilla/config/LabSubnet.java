package org.flotilla.config;

/**
 * The lab bridge's IPv4 subnet: the bridge takes the first address, the jump host the second,
 * hosts the ones after it; the last one is kept free (the guard's probe). Only private ranges: the subnet lives inside the run's own namespace, yet an address that
 * belongs to someone else would be a trap the day a route appears.
 */
public record LabSubnet(int base, int prefix) {

    static LabSubnet parse(String cidr) {
        String[] parts = cidr.split("/", -1);
        if (parts.length != 2 || !parts[0].matches("(\\d{1,3}\\.){3}\\d{1,3}") || !parts[1].matches("\\d{1,2}")) {
            throw new IllegalArgumentException("expected an IPv4 CIDR like 10.242.0.0/16, got '" + cidr + "'");
        }
        int base = 0;
        for (String octet : parts[0].split("\\.")) {
            int v = Integer.parseInt(octet);
            if (v > 255) throw new IllegalArgumentException("'" + cidr + "': " + octet + " is not an octet");
            base = base << 8 | v;
        }
        int prefix = Integer.parseInt(parts[1]);
        if (prefix < 8 || prefix > 29) throw new IllegalArgumentException("'" + cidr + "': the prefix must be /8 to /29");
        int mask = -1 << (32 - prefix);
        if ((base & ~mask) != 0) throw new IllegalArgumentException("'" + cidr + "': host bits are set (did you mean " + text(base & mask) + "/" + prefix + "?)");
        LabSubnet s = new LabSubnet(base, prefix);
        if (!s.within(10 << 24, 8) && !s.within(172 << 24 | 16 << 16, 12) && !s.within(192 << 24 | 168 << 16, 16)) {
            throw new IllegalArgumentException("'" + cidr + "' is not private (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)");
        }
        return s;
    }

    private boolean within(int net, int bits) {
        return prefix >= bits && (base & (-1 << (32 - bits))) == net;
    }

    /** Hosts that fit: all addresses but the network's, the bridge's, the jump host's, the probe's and the broadcast. */
    public int capacity() {
        return (1 << (32 - prefix)) - 5;
    }

    /** The bridge's address (the first one). */
    public String gateway() {
        return text(base + 1);
    }

    /** The jump host's address (the second one): the lab's one door in. */
    public String jump() {
        return text(base + 2);
    }

    /** The address of the n-th host (from 0). */
    public String host(int n) {
        if (n < 0 || n >= capacity()) throw new IllegalArgumentException("lab.subnet " + this + " has no room for host " + (n + 1));
        return text(base + 3 + n);
    }

    /**
     * The last address before the broadcast, which nothing in the lab has: to the guard, a packet
     * sent there leaves the lab, as one to an address outside the subnet would, yet it stays on
     * the bridge if the guard fails. It proves the guard counts without a packet addressed outside.
     */
    public String probe() {
        return text(base + (1 << (32 - prefix)) - 2);
    }

    private static String text(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
    }

    @Override
    public String toString() {
        return text(base) + "/" + prefix;
    }
}
