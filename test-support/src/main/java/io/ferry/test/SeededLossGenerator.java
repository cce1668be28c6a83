package io.ferry.test;

import io.aeron.driver.ext.LossGenerator;
import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drops a fraction of the Aeron data packets of one stream that a media driver receives, reproducibly from a seed,
 * and counts what it saw and dropped; other streams and frames without stream information pass untouched.
 */
public final class SeededLossGenerator implements LossGenerator
{
    private final SplittableRandom random;
    private final double rate;
    private final int streamId;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedData = new AtomicLong();
    private final AtomicLong seen = new AtomicLong();

    /**
     * Drop packets of one stream at random.
     *
     * @param seed     seed of the random choice; the same seed drops the same packets of the same sequence.
     * @param rate     fraction of the stream's packets to drop, 0 for none.
     * @param streamId the stream whose packets may be dropped.
     */
    public SeededLossGenerator(final long seed, final double rate, final int streamId)
    {
        this.random = new SplittableRandom(seed);
        this.rate = rate;
        this.streamId = streamId;
    }

    /**
     * Frames without stream information are never dropped.
     *
     * @param address source address.
     * @param buffer  frame.
     * @param length  frame length.
     * @return false.
     */
    public boolean shouldDropFrame(final InetSocketAddress address, final UnsafeBuffer buffer, final int length)
    {
        return false;
    }

    /**
     * Drop a packet of the chosen stream at the configured rate.
     *
     * @return true to drop.
     */
    public boolean shouldDropFrame(
        final InetSocketAddress address,
        final UnsafeBuffer buffer,
        final int streamId,
        final int sessionId,
        final int termId,
        final int termOffset,
        final int length)
    {
        if (streamId != this.streamId)
        {
            return false;
        }
        seen.incrementAndGet();
        if (random.nextDouble() < rate)
        {
            dropped.incrementAndGet();
            if (length > DataHeaderFlyweight.HEADER_LENGTH)
            {
                droppedData.incrementAndGet();
            }
            return true;
        }
        return false;
    }

    /**
     * Packets of the stream dropped, heartbeats included.
     *
     * @return count.
     */
    public long dropped()
    {
        return dropped.get();
    }

    /**
     * Dropped packets that carried data, not just an Aeron header (a heartbeat of the stream).
     *
     * @return count.
     */
    public long droppedData()
    {
        return droppedData.get();
    }

    /**
     * Packets of the stream seen.
     *
     * @return count.
     */
    public long seen()
    {
        return seen.get();
    }
}
