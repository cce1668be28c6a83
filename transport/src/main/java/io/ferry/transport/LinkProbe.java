package io.ferry.transport;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * Round-trip probes of one peer link and the adaptive rate they drive: heartbeats carry this hub's clock and echo the
 * peer's, every 10 ms while data flows, and the rate controller turns the samples and loss reports into a pacing rate.
 * Owned by the transport's agent thread; the snapshots are safe from any thread.
 */
final class LinkProbe
{
    /** Interval of round-trip probes while data flows to the peer. */
    static final long PROBE_INTERVAL_NS = 10_000_000L;

    private final RateController rateController;
    private final AtomicCounter delayDecreases;
    private final AtomicCounter lossDecreases;
    private long peerTimestampNs;
    private long peerTimestampReceivedNs;
    private long lastProbeNs;
    private long framesSentSeen;
    private long lastFramesSentNs;
    private long framesReceivedSeen;
    private long lastFramesReceivedNs;
    private volatile long rateSnapshot;
    private volatile long smoothedRttSnapshot;

    LinkProbe(
        final long capBytesPerSecond,
        final AtomicCounter delayDecreases,
        final AtomicCounter lossDecreases,
        final long nowNs)
    {
        rateController = new RateController(capBytesPerSecond, nowNs);
        this.delayDecreases = delayDecreases;
        this.lossDecreases = lossDecreases;
        rateSnapshot = capBytesPerSecond;
    }

    void onHeartbeat(final long timestampNs, final long echoTimestampNs, final long echoHoldNs, final long nowNs)
    {
        peerTimestampNs = timestampNs;
        peerTimestampReceivedNs = nowNs;
        if (0 != echoTimestampNs)
        {
            rateController.onRttSample(nowNs - echoTimestampNs - echoHoldNs);
            smoothedRttSnapshot = rateController.smoothedRttNs();
        }
    }

    void onPeerReportedMissing(final int frames)
    {
        rateController.onFramesMissing(frames);
    }

    long rateSnapshot()
    {
        return rateSnapshot;
    }

    long smoothedRttSnapshot()
    {
        return smoothedRttSnapshot;
    }

    /**
     * Count frames sent, send a probe when due, and let the controller set the pacer's rate.
     */
    void doWork(
        final long nowNs,
        final long framesSent,
        final long framesReceived,
        final boolean up,
        final long heartbeatIntervalNs,
        final ControlProxy control,
        final Pacer pacer)
    {
        if (framesSent != framesSentSeen)
        {
            rateController.onFramesSent(framesSent - framesSentSeen);
            framesSentSeen = framesSent;
            lastFramesSentNs = nowNs;
        }
        if (framesReceived != framesReceivedSeen)
        {
            framesReceivedSeen = framesReceived;
            lastFramesReceivedNs = nowNs;
        }
        // While data flows either way, heartbeats are round-trip probes every 10 ms, so a sender also learns within
        // a few probes that its receiver went silent; otherwise they only keep the link alive.
        final boolean flowing = nowNs - lastFramesSentNs < heartbeatIntervalNs ||
            nowNs - lastFramesReceivedNs < heartbeatIntervalNs;
        final long probeIntervalNs = flowing ? PROBE_INTERVAL_NS : heartbeatIntervalNs;
        if (up && nowNs - lastProbeNs >= probeIntervalNs)
        {
            lastProbeNs = nowNs;
            control.heartbeat(nowNs, peerTimestampNs, 0 == peerTimestampNs ? 0 : nowNs - peerTimestampReceivedNs);
        }
        if (rateController.update(nowNs))
        {
            pacer.adaptiveRate(rateController.rateBytesPerSecond(), nowNs);
            rateSnapshot = rateController.rateBytesPerSecond();
        }
        // Counted on every decision, also those at the floor that leave the rate as it was.
        delayDecreases.setRelease(rateController.delayDecreases());
        lossDecreases.setRelease(rateController.lossDecreases());
    }
}
