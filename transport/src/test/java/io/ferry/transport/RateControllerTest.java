package io.ferry.transport;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateControllerTest
{
    private static final long CAP = 125_000_000L;
    private static final long RTT_NS = 30_000_000L;
    private static final long STEP_NS = RateController.UPDATE_INTERVAL_NS;

    @Test
    void staysAtTheCapWithoutCongestion()
    {
        final RateController controller = new RateController(CAP, 0);
        long now = 0;
        for (int i = 0; i < 100; i++)
        {
            now += STEP_NS;
            controller.onRttSample(RTT_NS);
            controller.onFramesSent(1000);
            controller.update(now);
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
            now += STEP_NS;
            controller.onRttSample(RTT_NS);
            controller.onFramesSent(1000);
            controller.update(now);
        }
        for (int i = 0; i < 10; i++)
        {
            now += STEP_NS;
            controller.onRttSample(RTT_NS + 80_000_000L);
            controller.onFramesSent(1000);
            controller.update(now);
        }
        final long backedOff = controller.rateBytesPerSecond();
        assertTrue(backedOff < CAP / 2, "rate after 10 intervals of 80 ms queueing: " + backedOff);
        assertTrue(controller.queueingDelayNs() > RateController.MIN_DELAY_THRESHOLD_NS);

        for (int i = 0; i < 60; i++)
        {
            now += STEP_NS;
            controller.onRttSample(RTT_NS);
            controller.onFramesSent(1000);
            controller.update(now);
        }
        assertEquals(CAP, controller.rateBytesPerSecond(), "rate did not recover after the queue drained");
    }

    @Test
    void randomLossAloneDoesNotReduceTheRate()
    {
        final long seed = 42;
        final SplittableRandom random = new SplittableRandom(seed);
        final RateController controller = new RateController(CAP, 0);
        long now = 0;
        long minRate = CAP;
        for (int i = 0; i < 400; i++)
        {
            now += STEP_NS;
            controller.onRttSample(RTT_NS + random.nextLong(1_000_000L));
            controller.onFramesSent(1000);
            controller.onFramesMissing(binomial(random, 1000, 0.02));
            controller.update(now);
            if (i > 50)
            {
                minRate = Math.min(minRate, controller.rateBytesPerSecond());
            }
        }
        assertTrue(minRate >= CAP * 0.9, "seed " + seed + ": 2 % random loss pushed the rate to " + minRate);
        assertTrue(Math.abs(controller.baselineLoss() - 0.02) < 0.01, "baseline " + controller.baselineLoss());
    }

    @Test
    void lossFarAboveTheBaselineBacksOff()
    {
        final RateController controller = new RateController(CAP, 0);
        long now = 0;
        for (int i = 0; i < 40; i++)
        {
            now += STEP_NS;
            controller.onRttSample(RTT_NS);
            controller.onFramesSent(1000);
            controller.onFramesMissing(5);
            controller.update(now);
        }
        now += STEP_NS;
        controller.onRttSample(RTT_NS);
        controller.onFramesSent(1000);
        controller.onFramesMissing(200);
        controller.update(now);
        assertEquals((long)(CAP * RateController.DECREASE_FACTOR), controller.rateBytesPerSecond());
    }

    @Test
    void queueingBelowTheTargetDoesNotReduceTheRate()
    {
        final RateController controller = new RateController(CAP, 0);
        long now = 0;
        for (int i = 0; i < 100; i++)
        {
            now += STEP_NS;
            controller.onRttSample(RTT_NS + (i % 2 == 0 ? 0 : 20_000_000L));
            controller.onFramesSent(1000);
            controller.update(now);
        }
        assertEquals(CAP, controller.rateBytesPerSecond(), "jitter below the 25 ms target reduced the rate");
    }

    @Test
    void neverGoesBelowTheFloorAndDecidesOncePerInterval()
    {
        final RateController controller = new RateController(CAP, 0);
        assertTrue(!controller.update(STEP_NS - 1), "decided before an interval passed");
        long now = 0;
        controller.onRttSample(RTT_NS);
        for (int i = 0; i < 200; i++)
        {
            now += STEP_NS;
            controller.onRttSample(RTT_NS * 10);
            controller.onFramesSent(1000);
            controller.update(now);
        }
        assertEquals((long)(CAP * RateController.FLOOR_FRACTION), controller.rateBytesPerSecond());
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
