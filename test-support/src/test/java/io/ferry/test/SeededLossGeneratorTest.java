package io.ferry.test;

import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeededLossGeneratorTest
{
    private static final int STREAM = 20;
    private static final int PACKETS = 10_000;
    private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 40100);
    private static final UnsafeBuffer BUFFER = new UnsafeBuffer(new byte[64]);

    @Test
    void dropsOnlyTheChosenStreamAndCountsWhatItSawAndDropped()
    {
        final SeededLossGenerator loss = new SeededLossGenerator(7, 1.0, STREAM);

        assertFalse(drop(loss, STREAM + 1, 1000));
        assertFalse(loss.shouldDropFrame(ADDRESS, BUFFER, 1000));
        assertTrue(drop(loss, STREAM, 1000));
        assertTrue(drop(loss, STREAM, DataHeaderFlyweight.HEADER_LENGTH));

        assertEquals(2, loss.seen());
        assertEquals(2, loss.dropped());
        assertEquals(1, loss.droppedData());
    }

    @Test
    void dropsAboutTheRateAndTheSameDrawsForTheSameSeed()
    {
        final long seed = 42;
        final boolean[] first = decisions(new SeededLossGenerator(seed, 0.02, STREAM));
        final boolean[] second = decisions(new SeededLossGenerator(seed, 0.02, STREAM));

        assertArrayEquals(first, second, "seed " + seed);
        int dropped = 0;
        for (final boolean drop : first)
        {
            dropped += drop ? 1 : 0;
        }
        // 200 expected; the binomial standard deviation is 14, so 100..300 fails only if the rate is wrong.
        assertTrue(dropped > 100 && dropped < 300, "seed " + seed + ": " + dropped + " of " + PACKETS);
    }

    @Test
    void dropsNothingAtRateZero()
    {
        final SeededLossGenerator loss = new SeededLossGenerator(1, 0.0, STREAM);

        for (final boolean drop : decisions(loss))
        {
            assertFalse(drop);
        }
        assertEquals(PACKETS, loss.seen());
        assertEquals(0, loss.dropped());
    }

    private static boolean[] decisions(final SeededLossGenerator loss)
    {
        final boolean[] drops = new boolean[PACKETS];
        for (int i = 0; i < PACKETS; i++)
        {
            drops[i] = drop(loss, STREAM, 1000);
        }
        return drops;
    }

    private static boolean drop(final SeededLossGenerator loss, final int streamId, final int length)
    {
        return loss.shouldDropFrame(ADDRESS, BUFFER, streamId, 1, 0, 0, length);
    }
}
