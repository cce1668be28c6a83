package io.ferry.transport;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest
{
    static final long SECOND_NS = 1_000_000_000L;
    static final long MICROSECOND_NS = 1_000L;
    static final long HOUR_NS = 3_600L * SECOND_NS;
    static final long BYTES_PER_SECOND_100_GBIT = 12_500_000_000L;
    static final long[] LINK_BITS_PER_SECOND =
        { 10_000_000L, 200_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L };
    static final int[] MTUS = { 1408, 8192, 65504 };

    static Stream<Arguments> ratesAndMtus()
    {
        final Stream.Builder<Arguments> cases = Stream.builder();
        for (final long bitsPerSecond : LINK_BITS_PER_SECOND)
        {
            for (final int mtu : MTUS)
            {
                cases.add(Arguments.of(bitsPerSecond, mtu));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} bit/s, MTU {1}")
    @MethodSource("ratesAndMtus")
    void grantsRateWithinOnePercentOverOneSecond(final long bitsPerSecond, final int mtu)
    {
        final long bytesPerSecond = bitsPerSecond / 8;
        final TokenBucket bucket = new TokenBucket(bytesPerSecond, TokenBucket.defaultBurst(bytesPerSecond, mtu), 0);
        drain(bucket, mtu, 0);

        final long grantedBytes = sendEveryStep(bucket, mtu, 0, SECOND_NS, MICROSECOND_NS);

        assertWithinOnePercent(bytesPerSecond, grantedBytes);
    }

    @ParameterizedTest(name = "MTU {0}")
    @ValueSource(ints = { 1408, 8192, 65504 })
    void releasesAtMostBurstAtOnceAfterIdle(final int mtu)
    {
        final long bytesPerSecond = 125_000_000L;
        final TokenBucket bucket = new TokenBucket(bytesPerSecond, TokenBucket.defaultBurst(bytesPerSecond, mtu), 0);
        final long burstBytes = bucket.burstBytes();
        sendEveryStep(bucket, mtu, 0, SECOND_NS / 10, MICROSECOND_NS);

        for (final long idleNs : new long[]{ SECOND_NS, HOUR_NS })
        {
            final long nowNs = SECOND_NS / 10 + idleNs;
            final long atOnceBytes = drain(bucket, mtu, nowNs);
            assertTrue(atOnceBytes <= burstBytes + mtu, atOnceBytes + " bytes at once, burst " + burstBytes);
            assertTrue(atOnceBytes > burstBytes - mtu, atOnceBytes + " bytes at once, burst " + burstBytes);
        }
    }

    @Test
    void rateChangeMidRunTakesEffect()
    {
        final int mtu = 1408;
        final TokenBucket bucket = new TokenBucket(125_000_000L, TokenBucket.defaultBurst(125_000_000L, mtu), 0);
        drain(bucket, mtu, 0);

        final long fastBytes = sendEveryStep(bucket, mtu, 0, SECOND_NS / 2, MICROSECOND_NS);
        bucket.rate(12_500_000L, SECOND_NS / 2);
        final long slowBytes = sendEveryStep(bucket, mtu, SECOND_NS / 2, SECOND_NS / 2, MICROSECOND_NS);

        assertEquals(12_500_000L, bucket.rate());
        assertWithinOnePercent(62_500_000L, fastBytes);
        assertWithinOnePercent(6_250_000L, slowBytes);
    }

    @Test
    void rateChangeAccountsElapsedTimeAtOldRate()
    {
        final TokenBucket bucket = new TokenBucket(1_000_000L, 1_000_000L, 0);
        assertTrue(bucket.tryConsume(1_000_000L, 0));

        bucket.rate(2_000_000L, SECOND_NS / 2);

        final long nowNs = SECOND_NS * 6 / 10;
        assertEquals(0, bucket.nanosUntilAvailable(700_000L, nowNs));
        assertEquals(500, bucket.nanosUntilAvailable(700_001L, nowNs));
    }

    @Test
    void nanosUntilAvailableIsExact()
    {
        final long[] rates = { 1L, 3L, 1_000L, 999_999_937L, 125_000_000L, BYTES_PER_SECOND_100_GBIT };
        final SplittableRandom random = new SplittableRandom(42);
        for (final long bytesPerSecond : rates)
        {
            final TokenBucket bucket = new TokenBucket(bytesPerSecond, 100_000L, 0);
            long nowNs = 0;
            for (int i = 0; i < 10_000; i++)
            {
                final long bytes = 1 + random.nextInt(100_000);
                final long waitNs = bucket.nanosUntilAvailable(bytes, nowNs);
                if (waitNs > 0)
                {
                    assertFalse(bucket.tryConsume(bytes, nowNs + waitNs - 1), "rate " + bytesPerSecond);
                }
                nowNs += waitNs;
                assertTrue(bucket.tryConsume(bytes, nowNs), "rate " + bytesPerSecond);
                nowNs += random.nextInt(1_000);
            }
        }
    }

    @Test
    void grantsExactRateOverIrregularStepsWithoutDrift()
    {
        final long bytesPerSecond = 1_250_000_000L;
        final int frameBytes = 8192;
        final TokenBucket bucket = new TokenBucket(
            bytesPerSecond, TokenBucket.defaultBurst(bytesPerSecond, frameBytes), 0);
        drain(bucket, frameBytes, 0);
        final SplittableRandom random = new SplittableRandom(7);

        final long endNs = 60 * SECOND_NS;
        long grantedBytes = 0;
        long nowNs = 0;
        while (nowNs < endNs)
        {
            nowNs = Math.min(endNs, nowNs + 1 + random.nextLong(SECOND_NS / 1_000));
            while (bucket.tryConsume(frameBytes, nowNs))
            {
                grantedBytes += frameBytes;
            }
        }

        final long expectedBytes = bytesPerSecond * 60;
        assertTrue(Math.abs(grantedBytes - expectedBytes) < frameBytes, grantedBytes + " vs " + expectedBytes);
    }

    @Test
    void doesNotOverflowOverTwentyFourHoursAt100Gbit()
    {
        final long frameBytes = 64L << 20;
        final long startNs = Long.MAX_VALUE - 12 * HOUR_NS;
        final TokenBucket bucket = new TokenBucket(BYTES_PER_SECOND_100_GBIT, TokenBucket.MAX_BURST_BYTES, startNs);
        drain(bucket, frameBytes, startNs);

        final long grantedBytes = sendEveryStep(bucket, frameBytes, startNs, 24 * HOUR_NS, 50_000_000L);

        final long expectedBytes = BYTES_PER_SECOND_100_GBIT * 24 * 3_600;
        assertTrue(Math.abs(grantedBytes - expectedBytes) < frameBytes, grantedBytes + " vs " + expectedBytes);
    }

    @Test
    void refillsToExactlyBurstAfterTwentyFourHoursIdleAt100Gbit()
    {
        final long burstBytes = TokenBucket.defaultBurst(BYTES_PER_SECOND_100_GBIT, 65504);
        final TokenBucket bucket = new TokenBucket(BYTES_PER_SECOND_100_GBIT, burstBytes, 0);
        assertTrue(bucket.tryConsume(burstBytes, 0));
        assertFalse(bucket.tryConsume(1, 0));

        final long nowNs = 24 * HOUR_NS;
        assertEquals(0, bucket.nanosUntilAvailable(burstBytes, nowNs));
        assertTrue(bucket.tryConsume(burstBytes, nowNs));
        assertFalse(bucket.tryConsume(1, nowNs));
        assertEquals(1, bucket.nanosUntilAvailable(1, nowNs));

        assertTrue(bucket.tryConsume(1, Long.MAX_VALUE));
    }

    @Test
    void frameLargerThanBurstIsGrantedFromFullBucketAndRepaid()
    {
        final TokenBucket bucket = new TokenBucket(1_000L, 1_000L, 0);
        assertTrue(bucket.tryConsume(1_500L, 0));
        assertFalse(bucket.tryConsume(1_500L, 0));
        assertEquals(3 * SECOND_NS / 2, bucket.nanosUntilAvailable(1_500L, 0));

        final long grantedBytes = sendEveryStep(bucket, 1_500L, 0, 150 * SECOND_NS, 1_000_000L);
        assertTrue(Math.abs(grantedBytes - 150_000L) <= 1_500L, grantedBytes + " bytes");
    }

    @Test
    void rateZeroIsUnlimited()
    {
        final TokenBucket bucket = new TokenBucket(0, 1, 0);
        for (int i = 0; i < 1_000; i++)
        {
            assertTrue(bucket.tryConsume(TokenBucket.MAX_BURST_BYTES, 0));
        }
        assertEquals(0, bucket.nanosUntilAvailable(TokenBucket.MAX_BURST_BYTES, 0));
        assertEquals(0, bucket.rate());
    }

    @Test
    void leavingUnlimitedStartsWithFullBurstAndReturningIsUnlimitedAgain()
    {
        final TokenBucket bucket = new TokenBucket(0, 10_000L, 0);
        assertTrue(bucket.tryConsume(TokenBucket.MAX_BURST_BYTES, 0));

        bucket.rate(1_000L, 0);
        assertTrue(bucket.tryConsume(10_000L, 0));
        assertFalse(bucket.tryConsume(1, 0));

        bucket.rate(0, 0);
        assertTrue(bucket.tryConsume(TokenBucket.MAX_BURST_BYTES, 0));
    }

    @Test
    void timeGoingBackwardsGrantsNothingExtra()
    {
        final TokenBucket bucket = new TokenBucket(1_000_000L, 1_000L, 1_000_000L);
        assertTrue(bucket.tryConsume(1_000L, 1_000_000L));

        assertFalse(bucket.tryConsume(1, 0));
        assertEquals(1_000_000L + 1_000L, bucket.nanosUntilAvailable(1, 0));
        assertFalse(bucket.tryConsume(1, 1_000_999L));
        assertTrue(bucket.tryConsume(1, 1_001_000L));
    }

    @Test
    void defaultBurstIsFourFramesOrTwoMillisecondsCapped()
    {
        assertEquals(4 * 1408, TokenBucket.defaultBurst(1_250_000L, 1408));
        assertEquals(250_000L, TokenBucket.defaultBurst(125_000_000L, 1408));
        assertEquals(4 * 65504, TokenBucket.defaultBurst(125_000_000L, 65504));
        assertEquals(TokenBucket.MAX_DEFAULT_BURST_BYTES, TokenBucket.defaultBurst(BYTES_PER_SECOND_100_GBIT, 1408));
        assertEquals(4 * 8192, TokenBucket.defaultBurst(0, 8192));
    }

    @Test
    void rejectsValuesOutsideItsArithmeticBounds()
    {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(-1, 1_000, 0));
        assertThrows(IllegalArgumentException.class,
            () -> new TokenBucket(TokenBucket.MAX_BYTES_PER_SECOND + 1, 1_000, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1_000, 0, 0));
        assertThrows(IllegalArgumentException.class,
            () -> new TokenBucket(1_000, TokenBucket.MAX_BURST_BYTES + 1, 0));

        final TokenBucket bucket = new TokenBucket(1_000, 1_000, 0);
        assertThrows(IllegalArgumentException.class, () -> bucket.tryConsume(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> bucket.tryConsume(TokenBucket.MAX_BURST_BYTES + 1, 0));
        assertThrows(IllegalArgumentException.class, () -> bucket.rate(-1, 0));
    }

    static long drain(final TokenBucket bucket, final long frameBytes, final long nowNs)
    {
        long grantedBytes = 0;
        while (bucket.tryConsume(frameBytes, nowNs))
        {
            grantedBytes += frameBytes;
        }
        return grantedBytes;
    }

    static long sendEveryStep(
        final TokenBucket bucket, final long frameBytes, final long startNs, final long durationNs, final long stepNs)
    {
        long grantedBytes = 0;
        for (long elapsedNs = stepNs; elapsedNs <= durationNs; elapsedNs += stepNs)
        {
            grantedBytes += drain(bucket, frameBytes, startNs + elapsedNs);
        }
        return grantedBytes;
    }

    static void assertWithinOnePercent(final long expectedBytes, final long actualBytes)
    {
        final double error = (double)(actualBytes - expectedBytes) / expectedBytes;
        assertTrue(Math.abs(error) <= 0.01,
            actualBytes + " bytes granted, expected " + expectedBytes + " ± 1 % (error " + error * 100 + " %)");
    }
}
