package io.ferry.transport;

/**
 * Adaptive send rate of one peer link below its configured cap: additive increase, multiplicative decrease, driven
 * by queueing delay (smoothed RTT above the minimum RTT) and by loss well above the link's random-loss level.
 * <p>
 * Random loss on long links does not mean congestion, so loss alone backs off only when it exceeds three times the
 * learned baseline plus one percentage point; the baseline is learned only while queueing delay is low. A growing
 * queue is the congestion signal: other flows (TCP fills buffers) make ferry yield, and ferry climbs back when the
 * queue drains. Time is a parameter; see docs/tuning.md, "Adaptive rate".
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
     * Target queueing delay: a standing queue longer than this, or than the minimum RTT on long links, counts as
     * congestion. LEDBAT targets 100 ms; 25 ms keeps queues short while letting receiver-side jitter (a busy host
     * draining its socket) pass.
     */
    public static final long MIN_DELAY_THRESHOLD_NS = 25_000_000L;
    /** Smallest rate the controller goes down to, as a fraction of the cap. */
    public static final double FLOOR_FRACTION = 0.1;

    private static final double BASELINE_WEIGHT = 0.05;
    private static final double RTT_WEIGHT = 0.125;

    private final long capBytesPerSecond;
    private final long floorBytesPerSecond;
    private long rateBytesPerSecond;
    private long minRttNs = Long.MAX_VALUE;
    private long smoothedRttNs;
    private double baselineLoss;
    private long lastUpdateNs;
    private long framesSent;
    private long framesMissing;
    private int decreases;

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
     * Count data frames the peer reported missing.
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
        final double loss = framesSent > 0 ? Math.min(1.0, (double)framesMissing / framesSent) : 0.0;
        final boolean sent = framesSent > 0;
        framesSent = 0;
        framesMissing = 0;

        final boolean queueing = queueingDelayNs() > delayThresholdNs();
        final boolean excessLoss = sent && loss > 3 * baselineLoss + 0.01;
        if (sent && !queueing)
        {
            baselineLoss += BASELINE_WEIGHT * (Math.min(loss, 0.2) - baselineLoss);
        }

        final long previous = rateBytesPerSecond;
        if (queueing || excessLoss)
        {
            rateBytesPerSecond = Math.max(floorBytesPerSecond, (long)(rateBytesPerSecond * DECREASE_FACTOR));
            decreases++;
        }
        else if (sent)
        {
            rateBytesPerSecond = Math.min(capBytesPerSecond,
                rateBytesPerSecond + Math.max(1, (long)(capBytesPerSecond * INCREASE_FRACTION)));
        }
        return rateBytesPerSecond != previous;
    }

    /**
     * Smoothed RTT minus the smallest RTT seen: time spent in queues.
     *
     * @return nanoseconds, 0 before any sample.
     */
    public long queueingDelayNs()
    {
        return minRttNs == Long.MAX_VALUE ? 0 : Math.max(0, smoothedRttNs - minRttNs);
    }

    private long delayThresholdNs()
    {
        return Math.max(MIN_DELAY_THRESHOLD_NS, minRttNs == Long.MAX_VALUE ? 0 : minRttNs);
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
     * @return fraction between 0 and 0.2.
     */
    public double baselineLoss()
    {
        return baselineLoss;
    }

    /**
     * Times the controller backed off.
     *
     * @return count.
     */
    public int decreases()
    {
        return decreases;
    }
}
