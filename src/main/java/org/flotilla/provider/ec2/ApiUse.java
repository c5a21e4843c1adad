package org.flotilla.provider.ec2;

import software.amazon.awssdk.core.internal.metrics.SdkErrorType;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much of the EC2 API a run used: calls per action, the HTTP requests they took (retries
 * count against AWS's limits too), how many were throttled, and how long the client-side token
 * buckets held calls back. Fed by the SDK's per-call metrics.
 */
public final class ApiUse implements MetricPublisher {
    private final Map<String, long[]> byAction = new TreeMap<>();
    private final AtomicLong heldBackNanos = new AtomicLong();

    @Override
    public void publish(MetricCollection call) {
        String action = call.metricValues(CoreMetric.OPERATION_NAME).stream().findFirst().orElse("?");
        long attempts = 0;
        long throttled = 0;
        for (MetricCollection child : call.children()) {
            if (!child.name().equals("ApiCallAttempt")) continue;
            attempts++;
            if (child.metricValues(CoreMetric.ERROR_TYPE).contains(SdkErrorType.THROTTLING.toString())) throttled++;
        }
        if (attempts == 0) attempts = 1;
        synchronized (byAction) {
            long[] counts = byAction.computeIfAbsent(action, a -> new long[3]);
            counts[0]++;
            counts[1] += throttled;
            counts[2] += attempts;
        }
    }

    void heldBack(long nanos) {
        heldBackNanos.addAndGet(nanos);
    }

    /** Calls made of the action (each may have taken several requests). */
    public long calls(String action) {
        synchronized (byAction) {
            long[] c = byAction.get(action);
            return c == null ? 0 : c[0];
        }
    }

    public long throttled() {
        synchronized (byAction) {
            return byAction.values().stream().mapToLong(c -> c[1]).sum();
        }
    }

    /** The report printed at the end of `up`. */
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        synchronized (byAction) {
            StringBuilder calls = new StringBuilder("EC2 API calls: ");
            long total = 0;
            long requests = 0;
            boolean first = true;
            for (Map.Entry<String, long[]> e : byAction.entrySet()) {
                long[] c = e.getValue();
                if (!first) calls.append(", ");
                calls.append(e.getKey()).append(' ').append(c[0]);
                if (c[2] > c[0]) calls.append(" (+").append(c[2] - c[0]).append(" retries)");
                total += c[0];
                requests += c[2];
                first = false;
            }
            if (first) calls.append("none");
            lines.add(calls + "; " + total + " calls, " + requests + " HTTP requests");
        }
        lines.add("EC2 API throttled: " + throttled() + " requests (retried); client-side rate limit held calls back "
                + String.format("%.1f", heldBackNanos.get() / 1e9) + " s");
        return lines;
    }

    @Override
    public void close() {
    }
}
