package org.flotilla.provider.ec2;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.io.IOException;
import java.util.Set;

/**
 * The SDK's adaptive retries (backoff with jitter, and a client-side rate that drops when AWS
 * throttles), retrying throttling, server errors and broken connections. Capacity errors are
 * answers, not faults: they go straight back so the launch moves to the next zone or type.
 * A call whose answer was lost (a read timeout, a reset) is retried too, so every call that
 * creates something is safe to repeat: RunInstances carries a client token, and the callers
 * of the others take their "already exists" answer for success.
 */
final class Ec2Retries {
    static final Set<String> CAPACITY = Set.of("InsufficientInstanceCapacity", "InsufficientCapacity",
            "InsufficientHostCapacity", "InsufficientReservedInstanceCapacity", "InsufficientCapacityOnHost",
            "SpotMaxPriceTooLow", "MaxSpotInstanceCountExceeded", "InsufficientFreeAddressesInSubnet", "Unsupported");

    private Ec2Retries() {
    }

    static RetryStrategy adaptive(int attempts) {
        return DefaultRetryStrategy.adaptiveStrategyBuilder()
                .maxAttempts(attempts)
                .retryOnException(Ec2Retries::retryable)
                .treatAsThrottling(Ec2Retries::throttling)
                .useClientDefaults(false)
                .build();
    }

    static boolean throttling(Throwable t) {
        return t instanceof AwsServiceException e && (e.isThrottlingException()
                || "RequestLimitExceeded".equals(code(e)) || e.statusCode() == 429);
    }

    static boolean retryable(Throwable t) {
        if (throttling(t)) return true;
        if (t instanceof AwsServiceException e) return e.statusCode() >= 500 && !CAPACITY.contains(code(e));
        return t instanceof SdkClientException c && (c.retryable() || lostAnswer(c));
    }

    /** No answer came back: the connection broke or timed out (the SDK's own default also retries these). */
    private static boolean lostAnswer(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) return true;
        }
        return false;
    }

    static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
