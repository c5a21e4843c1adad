package org.flotilla.provider.ec2;

/**
 * The client-side buckets, sized like EC2's documented account limits: RunInstances has its own
 * request bucket (5, refilling 2/s) and an instance bucket (1000, refilling 2/s); TerminateInstances
 * an instance bucket (1000, refilling 20/s); other mutating actions share one (50, 5/s), and
 * describe-type actions another (100, 20/s).
 */
public final class ApiLimits {
    private final ApiUse use;
    private final TokenBucket runRequests;
    private final TokenBucket runInstances;
    private final TokenBucket terminatedInstances;
    private final TokenBucket mutating;
    private final TokenBucket describing;

    public ApiLimits(ApiUse use) {
        this(use, new TokenBucket(5, 2), new TokenBucket(1000, 2), new TokenBucket(1000, 20),
                new TokenBucket(50, 5), new TokenBucket(100, 20));
    }

    ApiLimits(ApiUse use, TokenBucket runRequests, TokenBucket runInstances, TokenBucket terminatedInstances,
              TokenBucket mutating, TokenBucket describing) {
        this.use = use;
        this.runRequests = runRequests;
        this.runInstances = runInstances;
        this.terminatedInstances = terminatedInstances;
        this.mutating = mutating;
        this.describing = describing;
    }

    /** Waits until the action may be called for this many instances (0 when it is not about instances). */
    public void acquire(String action, int instances) {
        try {
            long waited = switch (action) {
                case "RunInstances" -> runRequests.take(1) + runInstances.take(instances);
                case "TerminateInstances" -> mutating.take(1) + terminatedInstances.take(instances);
                default -> (action.startsWith("Describe") || action.startsWith("Get") ? describing : mutating).take(1);
            };
            use.heldBack(waited);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the EC2 API rate limit");
        }
    }
}
