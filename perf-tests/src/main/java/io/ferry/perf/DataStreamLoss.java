package io.ferry.perf;

import io.ferry.transport.TransportContext;

import io.aeron.driver.ext.LossGenerator;
import io.aeron.driver.ext.RandomLossGenerator;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Aeron's {@link RandomLossGenerator} applied to ferry's data stream only, counting what it saw and dropped; control
 * messages pass untouched.
 */
public final class DataStreamLoss implements LossGenerator
{
    private final RandomLossGenerator random;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * Drop data frames at random.
     *
     * @param rate fraction of data frames to drop.
     * @param seed seed of the random choice.
     */
    public DataStreamLoss(final double rate, final long seed)
    {
        this.random = new RandomLossGenerator(rate, seed);
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
     * Drop a data-stream frame at the configured rate.
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
        if (streamId != TransportContext.DATA_STREAM_ID)
        {
            return false;
        }
        seen.incrementAndGet();
        if (random.shouldDropFrame(address, buffer, length))
        {
            dropped.incrementAndGet();
            return true;
        }
        return false;
    }

    /**
     * Data frames seen.
     *
     * @return count.
     */
    public long seen()
    {
        return seen.get();
    }

    /**
     * Data frames dropped.
     *
     * @return count.
     */
    public long dropped()
    {
        return dropped.get();
    }
}
