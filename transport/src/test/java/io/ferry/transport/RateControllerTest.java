package io.ferry.transport;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateControllerTest
{
    private static final long CAP = 25_000_000L;
    private static final long RTT_NS = 30_000_000L;
    private static final long STEP_NS = RateController.UPDATE_INTERVAL_NS;
    private static final long PROBE_NS = 10_000_000L;
    /** Frames of 1,514 wire bytes sent in one interval at the cap (200 Mbit/s, MTU 1472). */
    private static final int FRAMES_PER_INTERVAL = 825;
    /** Intervals one 4 MiB chunk of 1,368-byte frames takes at the cap: its missing frames are reported together. */
    private static final int INTERVALS_PER_CHUNK = 4;

    @Test
    void staysAtTheCapWithoutCongestion()
    {
        final RateController controller = new RateController(CAP, 0);
        long now = 0;
        for (int i = 0; i < 100; i++)
        {
            now = interval(controller, now, RTT_NS, RTT_NS, FRAMES_PER_INTERVAL, 0);
        }
        assertEquals(CAP, controller.rateBytesPerSecond());
        assertEquals(0, controller.decreases());
    }

    @Test
    void backsOffOnQueueingDelayAndClimbsBackWhenItClears()
    {
        final RateController controller = new RateController(CAP, 0);
        long now = 0;
        for (int i = 0; i < 10; i++)
        {
            now = interval(controller, now, RTT_NS, RTT_NS, FRAMES_PER_INTERVAL, 0);
        }
        for (int i = 0; i < 10; i++)
        {
            now = interval(controller, now, RTT_NS + 80_000_000L, RTT_NS + 80_000_000L, FRAMES_PER_INTERVAL, 0);
        }
        final long backedOff = controller.rateBytesPerSecond();
        assertTrue(backedOff < CAP / 2, "rate after 10 intervals of 80 ms queueing: " + backedOff);
        assertEquals(10, controller.delayDecreases());
        assertTrue(controller.queueingDelayNs() > RateController.MIN_DELAY_THRESHOLD_NS);

        for (int i = 0; i < 60; i++)
        {
            now = interval(controller, now, RTT_NS, RTT_NS, FRAMES_PER_INTERVAL, 0);
        }
        assertEquals(CAP, controller.rateBytesPerSecond(), "rate did not recover after the queue drained");
    }

    @Test
    void aFullBottleneckBufferOfOneRoundTripMakesItYield()
    {
        // TCP keeps a bottleneck buffer of one bandwidth-delay product (30 ms here) nearly full: every probe waits
        // 27-30 ms in it, and ferry must give way although the queue never exceeds the minimum RTT.
        final SplittableRandom random = new SplittableRandom(7);
        final RateController controller = new RateController(CAP, 0);
        long now = 0;
        for (int i = 0; i < 10; i++)
        {
            now = interval(controller, now, RTT_NS, RTT_NS, FRAMES_PER_INTERVAL, 0);
        }
        for (int i = 0; i < 20; i++)
        {
            final long queued = RTT_NS + 27_000_000L + random.nextLong(3_000_000L);
            now = interval(controller, now, queued, queued + 2_000_000L, FRAMES_PER_INTERVAL, 0);
        }
        assertEquals((long)(CAP * RateController.FLOOR_FRACTION), controller.rateBytesPerSecond());
        assertEquals(0, controller.lossDecreases());
    }

    @Test
    void delayedProbesAmongPromptOnesAreNotQueueing()
    {
        // A lost control message holds the reliable control stream for a round trip until Aeron repairs it: here three
        // of the five probes of every interval come back 60-100 ms late, the others on time. Their smoothed RTT is
        // well above the minimum, but a queue would delay every probe.
        final SplittableRandom random = new SplittableRandom(11);
        final RateController controller = new RateController(CAP, 0);
        long now = 0;
        for (int i = 0; i < 100; i++)
        {
            for (int probe = 0; probe < 5; probe++)
            {
                controller.onRttSample(probe < 3 ? RTT_NS + 60_000_000L + random.nextLong(40_000_000L) : RTT_NS);
            }
            controller.onFramesSent(FRAMES_PER_INTERVAL);
            now += STEP_NS;
            controller.update(now);
        }
        assertTrue(controller.queueingDelayNs() > RTT_NS,
            "smoothed queueing " + controller.queueingDelayNs());
        assertEquals(CAP, controller.rateBytesPerSecond());
        assertEquals(0, controller.decreases());
    }

    @Test
    void randomLossFromTheFirstFrameDoesNotReduceTheRate()
    {
        for (final double loss : new double[]{ 0.005, 0.02, 0.05 })
        {
            final long seed = 42 + (long)(loss * 1000);
            final SplittableRandom random = new SplittableRandom(seed);
            final RateController controller = new RateController(CAP, 0);
            long now = 0;
            long minRate = CAP;
            long missingInChunk = 0;
            for (int i = 0; i < 400; i++)
            {
                // The target reports a chunk's missing frames together, when the next chunk starts arriving.
                missingInChunk += binomial(random, FRAMES_PER_INTERVAL, loss);
                final long reported = i % INTERVALS_PER_CHUNK == INTERVALS_PER_CHUNK - 1 ? missingInChunk : 0;
                missingInChunk -= reported;
                now = interval(controller, now, RTT_NS + random.nextLong(1_000_000L), RTT_NS, FRAMES_PER_INTERVAL,
                    reported);
                minRate = Math.min(minRate, controller.rateBytesPerSecond());
            }
            assertEquals(CAP, minRate, "seed " + seed + ": " + loss + " random loss pushed the rate to " + minRate);
            assertTrue(controller.baselineLearned());
            assertTrue(Math.abs(controller.baselineLoss() - loss) < loss / 4,
                "seed " + seed + ": baseline " + controller.baselineLoss() + " for " + loss);
        }
    }

    @Test
    void lossIsLearnedBeforeItCanBackOff()
    {
        final RateController controller = new RateController(CAP, 0);
        long now = 0;
        int intervals = 0;
        while (!controller.baselineLearned())
        {
            now = interval(controller, now, RTT_NS, RTT_NS, FRAMES_PER_INTERVAL, FRAMES_PER_INTERVAL / 10);
            intervals++;
        }
        assertEquals(CAP, controller.rateBytesPerSecond(), "10 % loss backed off while it was being learned");
        final long windowIntervals = Math.max(RateController.LOSS_WINDOW_NS / STEP_NS,
            (RateController.LOSS_WINDOW_FRAMES + FRAMES_PER_INTERVAL - 1) / FRAMES_PER_INTERVAL);
        assertEquals(RateController.LEARNING_WINDOWS * windowIntervals, intervals);
        assertEquals((double)(FRAMES_PER_INTERVAL / 10) / FRAMES_PER_INTERVAL, controller.baselineLoss(), 1e-9);
    }

    @Test
    void lossFarAboveTheBaselineBacksOffOncePerLossWindow()
    {
        final RateController controller = new RateController(CAP, 0);
        long now = 0;
        while (!controller.baselineLearned())
        {
            now = interval(controller, now, RTT_NS, RTT_NS, FRAMES_PER_INTERVAL, FRAMES_PER_INTERVAL / 200);
        }
        int intervals = 0;
        while (controller.lossDecreases() == 0)
        {
            now = interval(controller, now, RTT_NS, RTT_NS, FRAMES_PER_INTERVAL, FRAMES_PER_INTERVAL / 5);
            intervals++;
            assertTrue(intervals <= 10, "20 % loss on a 0.5 % link did not back off within one window");
        }
        assertEquals((long)(CAP * RateController.DECREASE_FACTOR), controller.rateBytesPerSecond());
        assertEquals(0.2, controller.lastWindowLoss(), 0.01);

        // The loss persists: the rate goes down once per window, climbing in between, not once per interval.
        for (int i = 0; i < 9; i++)
        {
            now = interval(controller, now, RTT_NS, RTT_NS, FRAMES_PER_INTERVAL, FRAMES_PER_INTERVAL / 5);
        }
        assertEquals(1, controller.lossDecreases());
        assertEquals(CAP, controller.rateBytesPerSecond());
        now = interval(controller, now, RTT_NS, RTT_NS, FRAMES_PER_INTERVAL, FRAMES_PER_INTERVAL / 5);
        assertEquals(2, controller.lossDecreases());
        assertEquals(0, controller.delayDecreases());
    }

    @Test
    void queueingBelowTheTargetDoesNotReduceTheRate()
    {
        final RateController controller = new RateController(CAP, 0);
        long now = 0;
        for (int i = 0; i < 100; i++)
        {
            final long queued = RTT_NS + RateController.MIN_DELAY_THRESHOLD_NS - 1_000_000L;
            now = interval(controller, now, i % 2 == 0 ? RTT_NS : queued, queued, FRAMES_PER_INTERVAL, 0);
        }
        assertEquals(CAP, controller.rateBytesPerSecond(), "jitter below the 25 ms target reduced the rate");
    }

    @Test
    void targetIsHalfTheMinimumRttOnLongLinks()
    {
        final RateController controller = new RateController(CAP, 0);
        controller.onRttSample(200_000_000L);
        assertEquals(100_000_000L, controller.delayThresholdNs());
        long now = 0;
        for (int i = 0; i < 20; i++)
        {
            now = interval(controller, now, 290_000_000L, 290_000_000L, FRAMES_PER_INTERVAL, 0);
        }
        assertEquals(CAP, controller.rateBytesPerSecond());
        now = interval(controller, now, 310_000_000L, 310_000_000L, FRAMES_PER_INTERVAL, 0);
        assertEquals((long)(CAP * RateController.DECREASE_FACTOR), controller.rateBytesPerSecond());
    }

    @Test
    void neverGoesBelowTheFloorAndDecidesOncePerInterval()
    {
        final RateController controller = new RateController(CAP, 0);
        assertFalse(controller.update(STEP_NS - 1), "decided before an interval passed");
        long now = 0;
        controller.onRttSample(RTT_NS);
        for (int i = 0; i < 200; i++)
        {
            now = interval(controller, now, RTT_NS * 10, RTT_NS * 10, FRAMES_PER_INTERVAL, 0);
        }
        assertEquals((long)(CAP * RateController.FLOOR_FRACTION), controller.rateBytesPerSecond());
        assertEquals(199, controller.delayDecreases(), "the first interval held the 30 ms probe, every other one a queue");
    }

    /**
     * One decision interval: probes every 10 ms, the first with the lowest round trip, the others with the highest;
     * frames sent and reported missing; then the decision at the interval's end.
     */
    private static long interval(
        final RateController controller,
        final long startNs,
        final long lowestRttNs,
        final long highestRttNs,
        final long framesSent,
        final long framesMissing)
    {
        for (long t = 0; t < STEP_NS; t += PROBE_NS)
        {
            controller.onRttSample(0 == t ? lowestRttNs : highestRttNs);
        }
        controller.onFramesSent(framesSent);
        controller.onFramesMissing(framesMissing);
        final long nowNs = startNs + STEP_NS;
        controller.update(nowNs);
        return nowNs;
    }

    private static long binomial(final SplittableRandom random, final int n, final double p)
    {
        long k = 0;
        for (int i = 0; i < n; i++)
        {
            k += random.nextDouble() < p ? 1 : 0;
        }
        return k;
    }
}
