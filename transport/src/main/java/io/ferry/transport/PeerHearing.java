package io.ferry.transport;

/**
 * When a peer was last heard from, on the link agent: whether it is still live, whether data should wait because it
 * went silent, and a snapshot of the time for other threads.
 */
final class PeerHearing
{
    /** Least silence after which data is held back: ten probe intervals. */
    static final long SILENT_AFTER_MIN_NS = 10 * LinkProbe.PROBE_INTERVAL_NS;

    private final long silentAfterNs;
    private long lastHeardNs;
    private boolean silent = true;
    private volatile long lastHeardEpochMs;

    /**
     * Data is held back after {@code max(100 ms, 4 × rtt + one probe interval)} of silence, at most two heartbeat
     * intervals: a receiver probes every 10 ms while data flows, so a peer that died and came back on the same port
     * does not receive, and discard, data until its new handshake arrives.
     */
    PeerHearing(final long rttNs, final long heartbeatIntervalNs)
    {
        silentAfterNs = Math.min(2 * heartbeatIntervalNs,
            Math.max(SILENT_AFTER_MIN_NS, 4 * rttNs + LinkProbe.PROBE_INTERVAL_NS));
    }

    void onHeard(final long nowNs)
    {
        lastHeardNs = nowNs;
        silent = false;
    }

    /**
     * Re-evaluate silence for this duty cycle.
     *
     * @return whether the peer was heard within {@code timeoutNs}.
     */
    boolean heardWithin(final long nowNs, final long timeoutNs)
    {
        silent = nowNs - lastHeardNs >= silentAfterNs;
        return nowNs - lastHeardNs < timeoutNs;
    }

    boolean isSilent()
    {
        return silent;
    }

    void publish(final long nowNs, final long epochMs)
    {
        lastHeardEpochMs = epochMs - (nowNs - lastHeardNs) / 1_000_000L;
    }

    long lastHeardEpochMs()
    {
        return lastHeardEpochMs;
    }
}
