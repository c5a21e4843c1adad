package org.flotilla.output;

import org.flotilla.fleet.HostState;

import java.util.function.ToLongFunction;

/** The words of the progress line, the same whether drawn from the live fleet or from the journal. */
public final class ProgressLine {
    private ProgressLine() {
    }

    public static String of(int total, ToLongFunction<HostState> count) {
        long booting = count.applyAsLong(HostState.REQUESTED) + count.applyAsLong(HostState.BOOTING);
        long configuring = count.applyAsLong(HostState.REACHABLE) + count.applyAsLong(HostState.CONFIGURING);
        return String.format("hosts %d: booting %d, configuring %d, ready %d, failed %d", total, booting, configuring,
                count.applyAsLong(HostState.READY), count.applyAsLong(HostState.FAILED));
    }
}
