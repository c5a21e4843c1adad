package org.flotilla.provider.ec2;

import java.util.function.LongSupplier;

/**
 * EC2's own throttling model, client side: a bucket of {@code capacity} tokens refilled at
 * {@code refillPerSecond}; a call takes its tokens or waits for them. Sized like AWS's buckets,
 * it keeps a big launch under the account's limits instead of bouncing off them.
 */
public final class TokenBucket {
    /** Waits a number of nanoseconds; tests pass a fake clock's. */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final double capacity;
    private final double refillPerNano;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    public TokenBucket(double capacity, double refillPerSecond, LongSupplier clock, Sleeper sleeper) {
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
        this.clock = clock;
        this.sleeper = sleeper;
        this.tokens = capacity;
        this.last = clock.getAsLong();
    }

    public TokenBucket(double capacity, double refillPerSecond) {
        this(capacity, refillPerSecond, System::nanoTime, n -> java.util.concurrent.TimeUnit.NANOSECONDS.sleep(n));
    }

    /** Takes n tokens (at most the capacity), waiting for them; returns the nanoseconds waited. */
    public synchronized long take(double n) throws InterruptedException {
        double want = Math.min(n, capacity);
        long waited = 0;
        while (true) {
            long now = clock.getAsLong();
            tokens = Math.min(capacity, tokens + (now - last) * refillPerNano);
            last = now;
            if (tokens >= want) {
                tokens -= want;
                return waited;
            }
            long wait = (long) Math.ceil((want - tokens) / refillPerNano);
            sleeper.sleep(wait);
            waited += wait;
        }
    }
}
