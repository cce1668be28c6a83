package io.ferry.transport;

/**
 * Adaptive send rate of one peer link below its configured cap: additive increase, multiplicative decrease, driven
 * by queueing delay (the lowest round trip of an interval above the minimum round trip) and by loss well above the
 * link's random-loss level.
 * <p>
 * Random loss on long links does not mean congestion, so loss alone backs off only when a loss window's loss exceeds
 * three times the learned baseline plus one percentage point. The baseline is learned from the link's first loss
 * windows before loss can back off at all, and afterwards only from windows without queueing. A growing queue is the
 * congestion signal: it raises every round trip of an interval, while a delayed probe (a repaired control message)
 * raises only some, so the interval's lowest sample is compared with the minimum. Other flows (TCP fills buffers)
 * make ferry yield, and ferry climbs back when the queue drains. Time is a parameter; see docs/tuning.md, "Adaptive
 * rate".
 */
public final class RateController
{
    /** Interval between rate decisions. */
    public static final long UPDATE_INTERVAL_NS = 50_000_000L;
    /** Multiplicative decrease on a congestion signal. */
    public static final double DECREASE_FACTOR = 0.8;
    /** Additive increase per interval, as a fraction of the cap. */
    public static final double INCREASE_FRACTION = 0.05;
    /**
     * Smallest target queueing delay: a standing queue longer than this, or than half the minimum RTT on long links,
     * counts as congestion. LEDBAT targets 100 ms; 25 ms keeps queues short while letting receiver-side jitter (a busy
     * host draining its socket) pass.
     */
    public static final long MIN_DELAY_THRESHOLD_NS = 25_000_000L;
    /** Smallest rate the controller goes down to, as a fraction of the cap. */
    public static final double FLOOR_FRACTION = 0.1;
    /** Shortest loss window: loss is judged over a window, not per interval. */
    public static final long LOSS_WINDOW_NS = 500_000_000L;
    /**
     * Fewest frames sent in a loss window. A target reports the missing frames of a chunk together, so a window must
     * span several chunks' reports to measure a rate rather than a batch (8,192 frames: 2.8 chunks of 4 MiB at MTU 1472).
     */
    public static final long LOSS_WINDOW_FRAMES = 8_192L;
    /** Loss windows without queueing whose mean is the first baseline; loss does not back off before them. */
    public static final int LEARNING_WINDOWS = 2;
    /** Largest loss that counts towards the baseline. */
    public static final double MAX_BASELINE_LOSS = 0.2;

    private static final double BASELINE_WEIGHT = 0.125;
    private static final double RTT_WEIGHT = 0.125;

    private final long capBytesPerSecond;
    private final long floorBytesPerSecond;
    private long rateBytesPerSecond;
    private long minRttNs = Long.MAX_VALUE;
    private long intervalMinRttNs = Long.MAX_VALUE;
    private long smoothedRttNs;
    private double baselineLoss;
    private int learnedWindows;
    private long lastUpdateNs;
    private long framesSent;
    private long framesMissing;
    private long windowStartNs;
    private long windowFramesSent;
    private long windowFramesMissing;
    private boolean windowQueued;
    private double lastWindowLoss;
    private int delayDecreases;
    private int lossDecreases;

    /**
     * A controller starting at the cap.
     *
     * @param capBytesPerSecond configured rate of the link, 0 for no cap (the controller then stays out of the way).
     * @param nowNs             current time.
     */
    public RateController(final long capBytesPerSecond, final long nowNs)
    {
        this.capBytesPerSecond = capBytesPerSecond;
        this.floorBytesPerSecond = Math.max(1, (long)(capBytesPerSecond * FLOOR_FRACTION));
        this.rateBytesPerSecond = capBytesPerSecond;
        this.lastUpdateNs = nowNs;
        this.windowStartNs = nowNs;
    }

    /**
     * Feed one round-trip sample.
     *
     * @param rttNs measured round trip, excluding the time the peer held the probe.
     */
    public void onRttSample(final long rttNs)
    {
        if (rttNs <= 0)
        {
            return;
        }
        minRttNs = Math.min(minRttNs, rttNs);
        intervalMinRttNs = Math.min(intervalMinRttNs, rttNs);
        smoothedRttNs = 0 == smoothedRttNs ? rttNs : (long)(smoothedRttNs + RTT_WEIGHT * (rttNs - smoothedRttNs));
    }

    /**
     * Count data frames sent to the peer.
     *
     * @param frames frames sent.
     */
    public void onFramesSent(final long frames)
    {
        framesSent += frames;
    }

    /**
     * Count data frames the peer reported missing for the first time (not repeated reports of frames already queued).
     *
     * @param frames frames reported.
     */
    public void onFramesMissing(final long frames)
    {
        framesMissing += frames;
    }

    /**
     * Decide the rate once per {@link #UPDATE_INTERVAL_NS}.
     *
     * @param nowNs current time.
     * @return true when the rate changed.
     */
    public boolean update(final long nowNs)
    {
        if (capBytesPerSecond <= 0 || nowNs - lastUpdateNs < UPDATE_INTERVAL_NS)
        {
            return false;
        }
        lastUpdateNs = nowNs;
        final boolean sent = framesSent > 0;
        final boolean queueing = intervalMinRttNs != Long.MAX_VALUE &&
            intervalMinRttNs - minRttNs > delayThresholdNs();
        intervalMinRttNs = Long.MAX_VALUE;
        windowFramesSent += framesSent;
        windowFramesMissing += framesMissing;
        windowQueued |= queueing;
        framesSent = 0;
        framesMissing = 0;

        final boolean excessLoss = sent && closeLossWindow(nowNs);

        final long previous = rateBytesPerSecond;
        if (queueing || excessLoss)
        {
            rateBytesPerSecond = Math.max(floorBytesPerSecond, (long)(rateBytesPerSecond * DECREASE_FACTOR));
            if (queueing)
            {
                delayDecreases++;
            }
            else
            {
                lossDecreases++;
            }
        }
        else if (sent)
        {
            rateBytesPerSecond = Math.min(capBytesPerSecond,
                rateBytesPerSecond + Math.max(1, (long)(capBytesPerSecond * INCREASE_FRACTION)));
        }
        return rateBytesPerSecond != previous;
    }

    /**
     * Judge the loss window once it is long enough, learn the baseline from it, and start the next.
     *
     * @return true when the closed window's loss is well above the baseline.
     */
    private boolean closeLossWindow(final long nowNs)
    {
        if (windowFramesSent < LOSS_WINDOW_FRAMES || nowNs - windowStartNs < LOSS_WINDOW_NS)
        {
            return false;
        }
        final double loss = Math.min(1.0, (double)windowFramesMissing / windowFramesSent);
        final double learnable = Math.min(loss, MAX_BASELINE_LOSS);
        boolean excess = false;
        if (learnedWindows < LEARNING_WINDOWS)
        {
            if (!windowQueued)
            {
                baselineLoss += (learnable - baselineLoss) / ++learnedWindows;
            }
        }
        else
        {
            excess = loss > 3 * baselineLoss + 0.01;
            if (!windowQueued)
            {
                baselineLoss += BASELINE_WEIGHT * (learnable - baselineLoss);
            }
        }
        lastWindowLoss = loss;
        windowStartNs = nowNs;
        windowFramesSent = 0;
        windowFramesMissing = 0;
        windowQueued = false;
        return excess;
    }

    /**
     * Smoothed RTT minus the smallest RTT seen: time spent in queues, for display; decisions use each interval's
     * lowest sample.
     *
     * @return nanoseconds, 0 before any sample.
     */
    public long queueingDelayNs()
    {
        return minRttNs == Long.MAX_VALUE ? 0 : Math.max(0, smoothedRttNs - minRttNs);
    }

    /**
     * Queueing delay above which an interval counts as congested: max(25 ms, half the minimum RTT).
     *
     * @return nanoseconds.
     */
    public long delayThresholdNs()
    {
        return Math.max(MIN_DELAY_THRESHOLD_NS, minRttNs == Long.MAX_VALUE ? 0 : minRttNs / 2);
    }

    /**
     * Current rate.
     *
     * @return bytes per second.
     */
    public long rateBytesPerSecond()
    {
        return rateBytesPerSecond;
    }

    /**
     * Smallest RTT seen.
     *
     * @return nanoseconds, or 0 before any sample.
     */
    public long minRttNs()
    {
        return minRttNs == Long.MAX_VALUE ? 0 : minRttNs;
    }

    /**
     * Smoothed RTT.
     *
     * @return nanoseconds, or 0 before any sample.
     */
    public long smoothedRttNs()
    {
        return smoothedRttNs;
    }

    /**
     * Loss fraction learned as this link's random level.
     *
     * @return fraction between 0 and {@link #MAX_BASELINE_LOSS}.
     */
    public double baselineLoss()
    {
        return baselineLoss;
    }

    /**
     * Whether the first baseline has been learned, so that loss can back off.
     *
     * @return true after {@link #LEARNING_WINDOWS} loss windows without queueing.
     */
    public boolean baselineLearned()
    {
        return learnedWindows >= LEARNING_WINDOWS;
    }

    /**
     * Loss of the last closed loss window.
     *
     * @return fraction between 0 and 1.
     */
    public double lastWindowLoss()
    {
        return lastWindowLoss;
    }

    /**
     * Times the controller backed off, for either reason.
     *
     * @return count.
     */
    public int decreases()
    {
        return delayDecreases + lossDecreases;
    }

    /**
     * Times the controller backed off on queueing delay.
     *
     * @return count.
     */
    public int delayDecreases()
    {
        return delayDecreases;
    }

    /**
     * Times the controller backed off on loss above the baseline (without queueing in the same interval).
     *
     * @return count.
     */
    public int lossDecreases()
    {
        return lossDecreases;
    }
}
