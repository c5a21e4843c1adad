package org.flotilla.provider.lab;

import org.flotilla.config.LabLink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shapes a host's link to the lab bridge as its role's lab.links entry says, on both ends of the
 * host's veth so that the link is the same both ways: its eth0 (what the host sends) and the veth's
 * lab end (what the host receives). Everything lives on the two ends and in the host's and the lab's
 * namespaces, so it goes when they do: there is nothing to undo.
 */
final class LinkShaper {
    private static final String HOST_END = "eth0";
    /** The longest a packet waits in the rate's queue before it is dropped: a router's buffer, not a bottomless one. */
    private static final String QUEUE = "50ms";
    /** Packets a delay may hold at once (netem's limit). */
    private static final int DELAYED = 100_000;
    private final LabNames names;
    private final Map<String, LabLink> links;

    LinkShaper(LabNames names, Map<String, LabLink> links) {
        this.names = names;
        this.links = links;
    }

    /** Shapes the n-th host's link when its role has one; a tool's refusal fails the host, naming it and the command. */
    void shape(String hostId, String role, int n) {
        LabLink link = links.get(role);
        if (link == null) return;
        try {
            String host = names.hostNamespace(hostId);
            String lab = names.labNamespace();
            String veth = LabNetwork.veth(n);
            queue(host, HOST_END, link);
            queue(lab, veth, link);
            if (link.loss().signum() > 0) {
                onePacketAtATime(host, HOST_END);
                onePacketAtATime(lab, veth);
                drop(host, HOST_END, "link", link);
                drop(lab, veth, "link-" + veth, link);
            }
        } catch (LabFailure e) {
            throw new LabFailure("shaping " + hostId + "'s link (lab.links." + role + ": " + link.shown() + "): " + e.getMessage());
        }
    }

    /** What leaves by this device: delayed by netem (when asked) and then held to the rate by tbf. */
    private static void queue(String ns, String dev, LabLink link) {
        List<String> under = List.of("root");
        if (link.delays()) {
            // netem holds every delayed packet: its default of 1000 would drop what a fast link has in flight (1gbit for 20 ms: 1700)
            List<String> netem = new ArrayList<>(List.of("tc", "-n", ns, "qdisc", "add", "dev", dev, "root", "handle", "1:", "netem",
                    "limit", String.valueOf(DELAYED), "delay", micros(link.delay())));
            if (!link.jitter().isZero()) netem.add(micros(link.jitter()));
            Exec.check(netem, Map.of());
            under = List.of("parent", "1:1"); // netem's one child: the delayed packets then meet the rate
        }
        if (link.rate() == 0) return;
        List<String> tbf = new ArrayList<>(List.of("tc", "-n", ns, "qdisc", "add", "dev", dev));
        tbf.addAll(under);
        tbf.addAll(List.of("tbf", "rate", link.rate() + "bit", "burst", String.valueOf(burst(link.rate())), "latency", QUEUE));
        Exec.check(tbf, Map.of());
    }

    /**
     * Segmentation offload hands 64 KB to the other end at once: one drop would lose 40 packets. Sent one packet at a
     * time, loss counts packets as a wire's does; the price is CPU (ten lossy 100mbit clients at once outran this
     * machine's two busy cores: 31-44 Mbit/s each at 0.01 % loss), so only a lossy link pays it.
     */
    private static void onePacketAtATime(String ns, String dev) {
        Exec.check("ip", "-n", ns, "link", "set", "dev", dev, "gso_max_segs", "1");
    }

    /**
     * Drops that share of the packets arriving at this device, as the wire would lose them: the sender's TCP sees a
     * loss, not the local refusal a drop on the way out would be (which TCP just retries at once).
     */
    private static void drop(String ns, String dev, String table, LabLink link) {
        Exec.check("ip", "netns", "exec", ns, "nft", "add table netdev " + table + "; "
                + "add chain netdev " + table + " loss { type filter hook ingress device " + dev + " priority 0 ; } ; "
                + "add rule netdev " + table + " loss numgen random mod 10000 < " + link.lossPer10000() + " drop");
    }

    /**
     * Bytes the rate may send at once: 10 ms of it, at least two full frames. At 100mbit that passes a 64 KB
     * segmentation-offload packet whole; a burst below it makes tbf cut every such packet up in software, which took
     * ten 100mbit clients at once from 95.6 to 74-82 Mbit/s each on this machine's two busy cores.
     */
    static long burst(long rate) {
        return Math.max(rate / 8 / 100, 2 * 1514);
    }

    private static String micros(Duration d) {
        return d.toNanos() / 1000 + "us";
    }
}
