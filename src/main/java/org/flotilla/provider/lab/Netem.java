package org.flotilla.provider.lab;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether this kernel has sch_netem, which a link's delay and jitter need: some kernels are built
 * without it (tc then says "Specified qdisc kind is unknown"), and no module can be loaded into
 * them. Asked once per process, by trying netem on the loopback of a throwaway network
 * namespace: nothing of this machine's own network is touched.
 */
public final class Netem {
    private static volatile Optional<String> missing;

    private Netem() {
    }

    /** Empty when this kernel has netem; else why a delay cannot be made here. */
    public static Optional<String> missing() {
        Optional<String> known = missing;
        if (known == null) {
            known = probe();
            missing = known;
        }
        return known;
    }

    private static Optional<String> probe() {
        Exec.Result r;
        try {
            r = Exec.run(List.of("unshare", "--net", "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms"), Map.of());
        } catch (LabFailure e) {
            return Optional.of("cannot tell whether this kernel has sch_netem: " + e.getMessage());
        }
        if (r.ok()) return Optional.empty();
        String said = Exec.tail(r.output());
        if (said.contains("qdisc kind is unknown") || said.contains("qdisc not found")) {
            return Optional.of("this kernel has no sch_netem (tc: \"" + said + "\"), which a delay or jitter needs; rate and loss work without it");
        }
        return Optional.of("cannot tell whether this kernel has sch_netem: unshare --net tc qdisc add dev lo root netem exited " + r.exit() + ": " + said);
    }
}
