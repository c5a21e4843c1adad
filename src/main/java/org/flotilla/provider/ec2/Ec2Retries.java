package org.flotilla.provider.ec2;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.util.Set;

/**
 * The SDK's adaptive retries (backoff with jitter, and a client-side rate that drops when AWS
 * throttles), retrying throttling, server errors and broken connections. Capacity errors are
 * answers, not faults: they go straight back so the launch moves to the next zone or type.
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
        return t instanceof SdkClientException c && c.retryable();
    }

    static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
