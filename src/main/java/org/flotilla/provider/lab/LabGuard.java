package org.flotilla.provider.lab;

import org.flotilla.config.LabSubnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The second net under "nothing leaves the lab": in the lab namespace and every host's, an
 * nftables table that refuses and counts each packet sent or routed to an address that is not
 * one of the lab's own (the bridge, the jump host, the hosts) or the link's own multicast (the
 * bridge's IGMP reports to 224.0.0.22, IPv6's neighbour discovery), which no router forwards.
 *
 * <p>The first net is that no namespace has a route out: a packet to the world is never even
 * made (the sender gets "network unreachable" before any hook sees it), so the count stays 0
 * while that holds. It counts the day something adds a route (a tool, a change to the lab) and
 * refuses the packet before it leaves. To show that it can count without addressing a packet
 * outside, a probe goes to {@link LabSubnet#probe()}: inside the subnet, on the bridge's link,
 * held by no one, yet outside the lab's own addresses, so the same rule refuses and counts it.
 * Only packets out on an Ethernet link are judged: the others (loopback, a tun device) stay in
 * the namespace, handed to a process there. A host has CAP_NET_ADMIN, as a cloud VM's root does
 * (OpenVPN's tun device), so it could change its own table; it cannot change the lab namespace's,
 * which every packet leaving a host crosses, and which has no route out either. The apt relay on the
 * bridge's address (port 3142) is the lab's own, so hosts may reach it.
 */
final class LabGuard {
    static final String TABLE = "flotilla";
    private static final Pattern PACKETS = Pattern.compile("packets (\\d+)");
    private final Path script;
    private final LabSubnet subnet;

    /** @param script where the rules are written for nft (runs/&lt;id&gt;/lab/guard.nft, for a user to read) */
    LabGuard(Path script, LabSubnet subnet) {
        this.script = script;
        this.subnet = subnet;
    }

    /** The rules; loading them again replaces the table (and zeroes its counter) atomically. */
    String rules() {
        String own = subnet.gateway() + "-" + subnet.host(subnet.capacity() - 1);
        // only what goes out on an Ethernet link (eth0, the bridge and its veths) can leave a namespace: a tun
        // device (OpenVPN's) hands its packets to a process here, which sends them on to a lab address
        String leaving = """
                    meta oiftype != ether accept
                    ip daddr %s accept
                    ip daddr 224.0.0.0/24 accept
                    ip6 daddr { fe80::/10, ff02::/16 } accept
                    counter name "leaving" reject with icmpx type admin-prohibited
                """.formatted(own);
        return """
                # Written by Flotilla's lab for each of the run's namespaces: refuse and count what would leave the lab.
                table inet %1$s
                delete table inet %1$s
                table inet %1$s {
                  counter leaving { }
                  chain out {
                    type filter hook output priority 0; policy accept;
                    oif "lo" accept
                %2$s  }
                  chain through {
                    type filter hook forward priority 0; policy accept;
                %2$s  }
                }
                """.formatted(TABLE, leaving);
    }

    /** Puts the guard in this namespace of the run. */
    void install(String namespace) {
        try {
            Files.createDirectories(script.getParent());
            Files.writeString(script, rules());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab's guard " + script, e);
        }
        Exec.check("ip", "netns", "exec", namespace, "nft", "-f", script.toAbsolutePath().toString());
    }

    /** What `down` says of the guard before the namespaces go: its counts, by the host (or "lab") whose namespace refused. */
    static String verdict(Map<String, Long> refused, LabNames names) {
        long total = refused.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) return "lab guard: no packet tried to leave the lab (" + refused.size() + " namespaces guarded)";
        StringBuilder where = new StringBuilder();
        refused.forEach((ns, n) -> {
            if (n == 0) return;
            String who = ns.equals(names.labNamespace()) ? "lab" : ns.substring(names.hostNamespacePrefix().length());
            where.append(where.isEmpty() ? "" : ", ").append(who).append(' ').append(n);
        });
        return "lab guard: " + total + " packet(s) to addresses not the lab's own were refused (" + where + ")";
    }

    /** Packets the guard refused, by namespace (those without a guard are left out). */
    static Map<String, Long> refused(List<String> namespaces) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String ns : namespaces) {
            Exec.Result r = Exec.run(List.of("ip", "netns", "exec", ns, "nft", "list", "counter", "inet", TABLE, "leaving"), Map.of());
            Matcher m = PACKETS.matcher(r.output());
            if (r.ok() && m.find()) counts.put(ns, Long.parseLong(m.group(1)));
        }
        return counts;
    }
}
