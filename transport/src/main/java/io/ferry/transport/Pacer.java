package io.ferry.transport;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * Paces the data frames sent to one peer with the peer's own token bucket and a hub-wide bucket shared by all peers
 * on the sending thread; a frame goes out only when both hold its bytes.
 * <p>
 * The peer's effective rate is the configured link rate, lowered by an adaptive ceiling when a controller sets one.
 * When {@link #tryAcquire(int, long)} says no, the sender stops for this duty cycle and lets the idle strategy park:
 * it never spins or sleeps waiting for tokens. See docs/tuning.md, "Pacing".
 */
public final class Pacer
{
    private final TokenBucket peerBucket;
    private final TokenBucket hubBucket;
    private final AtomicCounter waits;
    private final long configuredBytesPerSecond;

    /**
     * Create a pacer for one peer link whose bucket starts full.
     *
     * @param linkBitsPerSecond configured bandwidth of the link, 0 for unlimited.
     * @param mtu               MTU of the link in bytes, which sizes the burst.
     * @param hubBucket         bucket shared by every peer's pacer on this thread; a rate of 0 means no hub cap.
     * @param waits             counter incremented each time a frame is held back.
     * @param nowNs             current time.
     */
    public Pacer(
        final long linkBitsPerSecond,
        final int mtu,
        final TokenBucket hubBucket,
        final AtomicCounter waits,
        final long nowNs)
    {
        this.configuredBytesPerSecond = bytesPerSecond(linkBitsPerSecond);
        this.peerBucket = new TokenBucket(
            configuredBytesPerSecond, TokenBucket.defaultBurst(configuredBytesPerSecond, mtu), nowNs);
        this.hubBucket = hubBucket;
        this.waits = waits;
    }

    /**
     * Create the hub-wide bucket that all peers' pacers on one thread share.
     *
     * @param hubBitsPerSecond cap on everything the hub sends, 0 for no cap.
     * @param mtu              largest MTU of any peer link, which sizes the burst.
     * @param nowNs            current time.
     * @return a bucket that starts full.
     */
    public static TokenBucket newHubBucket(final long hubBitsPerSecond, final int mtu, final long nowNs)
    {
        final long bytesPerSecond = bytesPerSecond(hubBitsPerSecond);
        return new TokenBucket(bytesPerSecond, TokenBucket.defaultBurst(bytesPerSecond, mtu), nowNs);
    }

    /**
     * Take tokens for one frame from both the peer and the hub bucket, or from neither.
     *
     * @param frameBytes bytes the frame occupies on the wire.
     * @param nowNs      current time.
     * @return true if the frame may be sent now, false to stop sending to this peer for the duty cycle.
     */
    public boolean tryAcquire(final int frameBytes, final long nowNs)
    {
        if (peerBucket.canConsume(frameBytes, nowNs) && hubBucket.canConsume(frameBytes, nowNs))
        {
            peerBucket.consume(frameBytes);
            hubBucket.consume(frameBytes);
            return true;
        }
        waits.incrementRelease();
        return false;
    }

    /**
     * Set the adaptive ceiling so the peer is paced at min(configured, adaptive); 0 removes the ceiling.
     *
     * @param bytesPerSecond ceiling computed by a congestion controller, 0 for none.
     * @param nowNs          current time.
     */
    public void adaptiveRate(final long bytesPerSecond, final long nowNs)
    {
        if (bytesPerSecond < 0)
        {
            throw new IllegalArgumentException("pacer: adaptive rate " + bytesPerSecond + " bytes/s is negative");
        }
        final long effectiveBytesPerSecond;
        if (0 == bytesPerSecond)
        {
            effectiveBytesPerSecond = configuredBytesPerSecond;
        }
        else if (0 == configuredBytesPerSecond)
        {
            effectiveBytesPerSecond = Math.min(bytesPerSecond, TokenBucket.MAX_BYTES_PER_SECOND);
        }
        else
        {
            effectiveBytesPerSecond = Math.min(bytesPerSecond, configuredBytesPerSecond);
        }
        peerBucket.rate(effectiveBytesPerSecond, nowNs);
    }

    /**
     * Rate the peer is paced at now: the configured rate lowered by any adaptive ceiling.
     *
     * @return bytes per second, 0 for unlimited.
     */
    public long bytesPerSecond()
    {
        return peerBucket.rate();
    }

    /**
     * Rate configured for the link.
     *
     * @return bytes per second, 0 for unlimited.
     */
    public long configuredBytesPerSecond()
    {
        return configuredBytesPerSecond;
    }

    private static long bytesPerSecond(final long bitsPerSecond)
    {
        if (bitsPerSecond < 0)
        {
            throw new IllegalArgumentException("pacer: rate " + bitsPerSecond + " bits/s is negative");
        }
        return 0 == bitsPerSecond ? 0 : Math.max(1, bitsPerSecond / 8);
    }
}
