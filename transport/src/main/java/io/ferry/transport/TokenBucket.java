package io.ferry.transport;

/**
 * Single-threaded token bucket in bytes that takes time as a parameter and grants its rate exactly over any run.
 * <p>
 * Tokens are kept in nanobytes (10<sup>-9</sup> byte), so one nanosecond at {@code r} bytes/s adds exactly
 * {@code r} nanobytes: refill is an integer multiply with no remainder to carry and no drift. The bounds
 * {@link #MAX_BYTES_PER_SECOND} and {@link #MAX_BURST_BYTES} keep every intermediate value below 2<sup>62</sup>,
 * and an elapsed time long enough to fill the bucket from any state is clamped before it is multiplied, so
 * hours of idle at 100 Gbit/s cannot overflow. A request larger than the burst is granted from a full bucket and
 * leaves a debt that is repaid before the next grant, so the long-run rate stays exact. A rate of 0 is unlimited.
 * See docs/tuning.md, "Pacing".
 */
public final class TokenBucket
{
    /** Nanoseconds in a second, and nanobytes in a byte. */
    public static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Highest rate a bucket accepts: 8 Tbit/s. */
    public static final long MAX_BYTES_PER_SECOND = 1_000_000_000_000L;
    /** Largest burst, and largest single request, a bucket accepts. */
    public static final long MAX_BURST_BYTES = 1L << 30;
    /** Time at the configured rate that {@link #defaultBurst(long, int)} lets out at once. */
    public static final long DEFAULT_BURST_NS = 2_000_000L;
    /** Frames of the link MTU that {@link #defaultBurst(long, int)} always allows at once. */
    public static final int MIN_BURST_FRAMES = 4;
    /** Cap on {@link #defaultBurst(long, int)} so a fast link's burst still fits a switch port's buffer. */
    public static final long MAX_DEFAULT_BURST_BYTES = 8L << 20;

    private static final long MAX_DEBT_NANO_BYTES = MAX_BURST_BYTES * NANOS_PER_SECOND;

    private final long burstBytes;
    private final long capacityNanoBytes;
    private long bytesPerSecond;
    private long fullRefillNs;
    private long tokensNanoBytes;
    private long lastNs;

    /**
     * Create a bucket that starts full.
     *
     * @param bytesPerSecond rate, 0 for unlimited, at most {@link #MAX_BYTES_PER_SECOND}.
     * @param burstBytes     most bytes granted at once after idle, 1 to {@link #MAX_BURST_BYTES}.
     * @param nowNs          current time.
     */
    public TokenBucket(final long bytesPerSecond, final long burstBytes, final long nowNs)
    {
        checkRate(bytesPerSecond);
        if (burstBytes < 1 || burstBytes > MAX_BURST_BYTES)
        {
            throw new IllegalArgumentException(
                "token bucket: burst " + burstBytes + " bytes is outside 1.." + MAX_BURST_BYTES);
        }
        this.burstBytes = burstBytes;
        this.capacityNanoBytes = burstBytes * NANOS_PER_SECOND;
        this.tokensNanoBytes = capacityNanoBytes;
        this.lastNs = nowNs;
        applyRate(bytesPerSecond);
    }

    /**
     * Default burst for a link: {@value #MIN_BURST_FRAMES} frames of the MTU or 2 ms at the rate, whichever is
     * more, with the 2 ms term capped at {@link #MAX_DEFAULT_BURST_BYTES}.
     *
     * @param bytesPerSecond rate of the link, 0 for unlimited.
     * @param mtu            MTU of the link in bytes.
     * @return burst in bytes.
     */
    public static long defaultBurst(final long bytesPerSecond, final int mtu)
    {
        final long timeBurstBytes = Math.min(
            bytesPerSecond / (NANOS_PER_SECOND / DEFAULT_BURST_NS), MAX_DEFAULT_BURST_BYTES);
        return Math.max((long)MIN_BURST_FRAMES * mtu, timeBurstBytes);
    }

    /**
     * Take {@code bytes} tokens if the bucket holds them (or is full, for a request larger than the burst).
     *
     * @param bytes bytes wanted, 0 to {@link #MAX_BURST_BYTES}.
     * @param nowNs current time.
     * @return true if granted and consumed, false if nothing was consumed.
     */
    public boolean tryConsume(final long bytes, final long nowNs)
    {
        if (canConsume(bytes, nowNs))
        {
            consume(bytes);
            return true;
        }
        return false;
    }

    /**
     * Time from {@code nowNs} after which {@link #tryConsume(long, long)} of {@code bytes} succeeds if nothing
     * else is consumed first; one nanosecond earlier it fails.
     *
     * @param bytes bytes wanted, 0 to {@link #MAX_BURST_BYTES}.
     * @param nowNs current time.
     * @return nanoseconds to wait, 0 if available now.
     */
    public long nanosUntilAvailable(final long bytes, final long nowNs)
    {
        checkBytes(bytes);
        if (0 == bytesPerSecond)
        {
            return 0;
        }
        refill(nowNs);
        final long deficitNanoBytes = requiredNanoBytes(bytes) - tokensNanoBytes;
        if (deficitNanoBytes <= 0)
        {
            return 0;
        }
        return (lastNs - nowNs) + (deficitNanoBytes + bytesPerSecond - 1) / bytesPerSecond;
    }

    /**
     * Change the rate from {@code nowNs} on; time up to {@code nowNs} is accounted at the old rate.
     *
     * @param bytesPerSecond new rate, 0 for unlimited, at most {@link #MAX_BYTES_PER_SECOND}.
     * @param nowNs          current time.
     */
    public void rate(final long bytesPerSecond, final long nowNs)
    {
        checkRate(bytesPerSecond);
        refill(nowNs);
        if (0 == this.bytesPerSecond)
        {
            tokensNanoBytes = capacityNanoBytes;
        }
        applyRate(bytesPerSecond);
    }

    /**
     * Current rate.
     *
     * @return bytes per second, 0 for unlimited.
     */
    public long rate()
    {
        return bytesPerSecond;
    }

    /**
     * Most bytes granted at once after idle.
     *
     * @return burst in bytes.
     */
    public long burstBytes()
    {
        return burstBytes;
    }

    boolean canConsume(final long bytes, final long nowNs)
    {
        checkBytes(bytes);
        if (0 == bytesPerSecond)
        {
            return true;
        }
        refill(nowNs);
        return tokensNanoBytes >= requiredNanoBytes(bytes);
    }

    void consume(final long bytes)
    {
        if (0 != bytesPerSecond)
        {
            tokensNanoBytes -= bytes * NANOS_PER_SECOND;
        }
    }

    private long requiredNanoBytes(final long bytes)
    {
        return Math.min(bytes, burstBytes) * NANOS_PER_SECOND;
    }

    private void refill(final long nowNs)
    {
        final long elapsedNs = nowNs - lastNs;
        if (elapsedNs > 0)
        {
            lastNs = nowNs;
            if (elapsedNs >= fullRefillNs)
            {
                tokensNanoBytes = capacityNanoBytes;
            }
            else
            {
                tokensNanoBytes = Math.min(capacityNanoBytes, tokensNanoBytes + elapsedNs * bytesPerSecond);
            }
        }
    }

    private void applyRate(final long bytesPerSecond)
    {
        this.bytesPerSecond = bytesPerSecond;
        fullRefillNs = 0 == bytesPerSecond ?
            0 : (capacityNanoBytes + MAX_DEBT_NANO_BYTES + bytesPerSecond - 1) / bytesPerSecond;
    }

    private static void checkRate(final long bytesPerSecond)
    {
        if (bytesPerSecond < 0 || bytesPerSecond > MAX_BYTES_PER_SECOND)
        {
            throw new IllegalArgumentException(
                "token bucket: rate " + bytesPerSecond + " bytes/s is outside 0.." + MAX_BYTES_PER_SECOND);
        }
    }

    private static void checkBytes(final long bytes)
    {
        if (bytes < 0 || bytes > MAX_BURST_BYTES)
        {
            throw new IllegalArgumentException(
                "token bucket: request of " + bytes + " bytes is outside 0.." + MAX_BURST_BYTES);
        }
    }
}
