package org.flotilla.dashboard;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The fleet's figures of one second (a "figures" event): its hosts' sums, the mean of their CPU and
 * median response times, and each host's own; a figure is null when no host's logs give it.
 */
record FleetFigures(String test, long t, Double bitsPerSecond, Double cpuBusy, Double requestsPerSecond, Double failuresPerSecond,
                    Double medianMs, boolean summaryOnly, List<HostFigures> hosts) {
    static FleetFigures of(String test, long t, List<HostFigures> hosts) {
        return new FleetFigures(test, t, sum(hosts, HostFigures::bitsPerSecond), mean(hosts, HostFigures::cpuBusy),
                sum(hosts, HostFigures::requestsPerSecond), sum(hosts, HostFigures::failuresPerSecond), mean(hosts, HostFigures::medianMs),
                hosts.stream().anyMatch(HostFigures::summaryOnly), hosts);
    }

    private static Double sum(List<HostFigures> hosts, Function<HostFigures, Double> figure) {
        List<Double> given = hosts.stream().map(figure).filter(Objects::nonNull).toList();
        return given.isEmpty() ? null : given.stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Double mean(List<HostFigures> hosts, Function<HostFigures, Double> figure) {
        Double sum = sum(hosts, figure);
        return sum == null ? null : sum / hosts.stream().map(figure).filter(Objects::nonNull).count();
    }
}
