package io.ferry.transport;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.ferry.transport.TokenBucketTest.MICROSECOND_NS;
import static io.ferry.transport.TokenBucketTest.SECOND_NS;
import static io.ferry.transport.TokenBucketTest.assertWithinOnePercent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacerTest
{
    private static final int MTU = 1408;
    private static final long GBIT = 1_000_000_000L;

    private final CountersManager counters = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(16 * CountersReader.METADATA_LENGTH)),
        new UnsafeBuffer(ByteBuffer.allocateDirect(16 * CountersReader.COUNTER_LENGTH)));
    private final TokenBucket noHubCap = Pacer.newHubBucket(0, MTU, 0);

    @ParameterizedTest(name = "{0} bit/s, MTU {1}")
    @MethodSource("io.ferry.transport.TokenBucketTest#ratesAndMtus")
    void pacesLinkBandwidthWithinOnePercentOverOneSecond(final long bitsPerSecond, final int mtu)
    {
        final Pacer pacer = new Pacer(bitsPerSecond, mtu, noHubCap, newCounter("waits"), 0);
        drain(pacer, mtu, 0);

        long grantedBytes = 0;
        for (long nowNs = MICROSECOND_NS; nowNs <= SECOND_NS; nowNs += MICROSECOND_NS)
        {
            grantedBytes += drain(pacer, mtu, nowNs);
        }

        assertEquals(bitsPerSecond / 8, pacer.bytesPerSecond());
        assertWithinOnePercent(bitsPerSecond / 8, grantedBytes);
    }

    @Test
    void hubBucketCapsTheSumOfTwoPeers()
    {
        final TokenBucket hubBucket = Pacer.newHubBucket(GBIT, MTU, 0);
        final Pacer west = new Pacer(GBIT, MTU, hubBucket, newCounter("west"), 0);
        final Pacer north = new Pacer(GBIT, MTU, hubBucket, newCounter("north"), 0);
        drain(west, MTU, 0);
        drain(north, MTU, 0);

        final long[] grantedBytes = sendBothEveryMicrosecond(west, north, SECOND_NS);

        assertWithinOnePercent(GBIT / 8, grantedBytes[0] + grantedBytes[1]);
        assertTrue(grantedBytes[0] > GBIT / 8 * 4 / 10, grantedBytes[0] + " bytes to west");
        assertTrue(grantedBytes[1] > GBIT / 8 * 4 / 10, grantedBytes[1] + " bytes to north");
    }

    @Test
    void hubCapAboveThePeersSumLeavesEachPeerAtItsOwnRate()
    {
        final TokenBucket hubBucket = Pacer.newHubBucket(GBIT, MTU, 0);
        final Pacer west = new Pacer(GBIT / 5, MTU, hubBucket, newCounter("west"), 0);
        final Pacer north = new Pacer(GBIT / 5, MTU, hubBucket, newCounter("north"), 0);
        drain(west, MTU, 0);
        drain(north, MTU, 0);

        final long[] grantedBytes = sendBothEveryMicrosecond(west, north, SECOND_NS);

        assertWithinOnePercent(GBIT / 40, grantedBytes[0]);
        assertWithinOnePercent(GBIT / 40, grantedBytes[1]);
    }

    @Test
    void refusalByTheHubTakesNothingFromThePeer()
    {
        final TokenBucket hubBucket = Pacer.newHubBucket(GBIT, MTU, 0);
        final Pacer west = new Pacer(GBIT, MTU, hubBucket, newCounter("west"), 0);
        final Pacer north = new Pacer(GBIT, MTU, hubBucket, newCounter("north"), 0);
        drain(west, MTU, 0);

        assertFalse(north.tryAcquire(MTU, 0));

        hubBucket.rate(0, 0);
        assertEquals(TokenBucket.defaultBurst(GBIT / 8, MTU) / MTU * MTU, drain(north, MTU, 0));
    }

    @Test
    void refusalByThePeerTakesNothingFromTheHub()
    {
        final TokenBucket hubBucket = Pacer.newHubBucket(GBIT, MTU, 0);
        final Pacer west = new Pacer(GBIT / 10, MTU, hubBucket, newCounter("west"), 0);
        final long westBytes = drain(west, MTU, 0);

        for (int i = 0; i < 100; i++)
        {
            assertFalse(west.tryAcquire(MTU, 0));
        }

        assertEquals(hubBucket.burstBytes() - westBytes, TokenBucketTest.drain(hubBucket, 1, 0));
    }

    @Test
    void countsEveryRefusal()
    {
        final AtomicCounter waits = newCounter("waits");
        final Pacer pacer = new Pacer(GBIT, MTU, noHubCap, waits, 0);
        final long grantedBytes = drain(pacer, MTU, 0);

        assertEquals(1, waits.get());
        assertFalse(pacer.tryAcquire(MTU, 0));
        assertEquals(2, waits.get());
        assertTrue(grantedBytes > 0);
    }

    @Test
    void adaptiveRateLowersButNeverRaisesThePeerRate()
    {
        final Pacer pacer = new Pacer(GBIT, MTU, noHubCap, newCounter("waits"), 0);
        assertEquals(GBIT / 8, pacer.configuredBytesPerSecond());
        drain(pacer, MTU, 0);

        pacer.adaptiveRate(GBIT / 80, 0);
        assertEquals(GBIT / 80, pacer.bytesPerSecond());
        long grantedBytes = 0;
        for (long nowNs = MICROSECOND_NS; nowNs <= SECOND_NS; nowNs += MICROSECOND_NS)
        {
            grantedBytes += drain(pacer, MTU, nowNs);
        }
        assertWithinOnePercent(GBIT / 80, grantedBytes);

        pacer.adaptiveRate(10 * GBIT / 8, SECOND_NS);
        assertEquals(GBIT / 8, pacer.bytesPerSecond());

        pacer.adaptiveRate(GBIT / 80, SECOND_NS);
        pacer.adaptiveRate(0, SECOND_NS);
        assertEquals(GBIT / 8, pacer.bytesPerSecond());

        assertThrows(IllegalArgumentException.class, () -> pacer.adaptiveRate(-1, SECOND_NS));
    }

    @Test
    void adaptiveRateLimitsAnUnlimitedLink()
    {
        final Pacer pacer = new Pacer(0, MTU, noHubCap, newCounter("waits"), 0);
        assertEquals(0, pacer.bytesPerSecond());

        pacer.adaptiveRate(GBIT / 8, 0);
        assertEquals(GBIT / 8, pacer.bytesPerSecond());

        pacer.adaptiveRate(0, 0);
        assertEquals(0, pacer.bytesPerSecond());
    }

    @Test
    void linkRateIsBitsDividedByEightAndNeverRoundsDownToUnlimited()
    {
        assertEquals(125_000_000L, new Pacer(GBIT, MTU, noHubCap, newCounter("a"), 0).bytesPerSecond());
        assertEquals(1, new Pacer(7, MTU, noHubCap, newCounter("b"), 0).bytesPerSecond());
        assertThrows(IllegalArgumentException.class, () -> new Pacer(-1, MTU, noHubCap, newCounter("c"), 0));
    }

    @Test
    void tryAcquireDoesNotAllocate()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        final TokenBucket hubBucket = Pacer.newHubBucket(GBIT, MTU, 0);
        final Pacer west = new Pacer(GBIT, MTU, hubBucket, newCounter("west"), 0);
        final Pacer north = new Pacer(GBIT / 2, MTU, hubBucket, newCounter("north"), 0);
        long nowNs = 0;
        for (int i = 0; i < 10; i++)
        {
            nowNs = acquireMillionTimes(west, north, nowNs);
        }

        final long beforeBytes = threads.getCurrentThreadAllocatedBytes();
        acquireMillionTimes(west, north, nowNs);
        final long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - beforeBytes;

        assertEquals(0, allocatedBytes);
    }

    private static long acquireMillionTimes(final Pacer west, final Pacer north, final long startNs)
    {
        long nowNs = startNs;
        for (int i = 0; i < 500_000; i++)
        {
            nowNs += 5_000;
            west.tryAcquire(MTU, nowNs);
            north.tryAcquire(8192, nowNs);
        }
        return nowNs;
    }

    private static long[] sendBothEveryMicrosecond(final Pacer first, final Pacer second, final long durationNs)
    {
        final long[] grantedBytes = new long[2];
        boolean firstLeads = true;
        for (long nowNs = MICROSECOND_NS; nowNs <= durationNs; nowNs += MICROSECOND_NS)
        {
            if (firstLeads)
            {
                grantedBytes[0] += drain(first, MTU, nowNs);
                grantedBytes[1] += drain(second, MTU, nowNs);
            }
            else
            {
                grantedBytes[1] += drain(second, MTU, nowNs);
                grantedBytes[0] += drain(first, MTU, nowNs);
            }
            firstLeads = !firstLeads;
        }
        return grantedBytes;
    }

    private static long drain(final Pacer pacer, final int frameBytes, final long nowNs)
    {
        long grantedBytes = 0;
        while (pacer.tryAcquire(frameBytes, nowNs))
        {
            grantedBytes += frameBytes;
        }
        return grantedBytes;
    }

    private AtomicCounter newCounter(final String label)
    {
        return counters.newCounter(label);
    }
}
