package io.ferry.replication;

import io.aeron.driver.ext.LossGenerator;
import org.agrona.concurrent.UnsafeBuffer;

import io.aeron.protocol.DataHeaderFlyweight;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drops a fraction of received Aeron data packets of one stream, reproducibly from a seed, and counts what it dropped.
 */
final class SeededLossGenerator implements LossGenerator
{
    private final SplittableRandom random;
    private final double rate;
    private final int streamId;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedData = new AtomicLong();
    private final AtomicLong seen = new AtomicLong();

    SeededLossGenerator(final long seed, final double rate, final int streamId)
    {
        this.random = new SplittableRandom(seed);
        this.rate = rate;
        this.streamId = streamId;
    }

    public boolean shouldDropFrame(final InetSocketAddress address, final UnsafeBuffer buffer, final int length)
    {
        return false;
    }

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

    long dropped()
    {
        return dropped.get();
    }

    /**
     * Dropped packets that carried data, not just an Aeron header (a heartbeat of the stream).
     */
    long droppedData()
    {
        return droppedData.get();
    }

    long seen()
    {
        return seen.get();
    }
}
