package io.ferry.transport;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The round-trip probes of one peer link: the Ping this hub has outstanding, answers to the peer's Pings, and the
 * counters of pongs that match nothing and pings that could not be answered. Owned by the transport's agent thread.
 */
final class PingProbes
{
    private final ControlProxy control;
    private final AtomicCounter pongsUnmatched;
    private final AtomicCounter pingsUnanswered;
    private long lastProbeId;
    private long pendingProbeId;
    private long pendingProbeTimestampNs;

    PingProbes(final ControlProxy control, final AtomicCounter pongsUnmatched, final AtomicCounter pingsUnanswered)
    {
        this.control = control;
        this.pongsUnmatched = pongsUnmatched;
        this.pingsUnanswered = pingsUnanswered;
    }

    /**
     * Queue a Ping; it replaces any ping still waiting for its pong, whose pong then counts as unmatched.
     *
     * @return the probe id, or a negative {@link PingResult}.
     */
    long ping(final boolean linkUp, final DirectBuffer payload, final int offset, final int length, final long nowNs)
    {
        if (!linkUp)
        {
            return PingResult.LINK_DOWN;
        }
        if (length < 0 || length > control.maxProbePayloadLength())
        {
            return PingResult.PAYLOAD_TOO_LONG;
        }
        final long probeId = lastProbeId + 1;
        if (!control.ping(probeId, nowNs, payload, offset, length))
        {
            return PingResult.OUTBOX_FULL;
        }
        lastProbeId = probeId;
        pendingProbeId = probeId;
        pendingProbeTimestampNs = nowNs;
        return probeId;
    }

    /**
     * Answer the peer's Ping with a Pong echoing it, unless the pong would not fit one control frame to the peer.
     */
    void onPing(
        final long probeId, final long timestampNs, final DirectBuffer payload, final int offset, final int length)
    {
        if (length > control.maxProbePayloadLength() || !control.pong(probeId, timestampNs, payload, offset, length))
        {
            pingsUnanswered.incrementRelease();
        }
    }

    /**
     * Match a Pong with the outstanding ping.
     *
     * @return the round trip in nanoseconds, or -1 if the pong answers no outstanding ping (counted and dropped).
     */
    long onPong(final long probeId, final long timestampNs, final long nowNs)
    {
        if (0 == pendingProbeId || probeId != pendingProbeId || timestampNs != pendingProbeTimestampNs)
        {
            pongsUnmatched.incrementRelease();
            return -1;
        }
        pendingProbeId = 0;
        return nowNs - pendingProbeTimestampNs;
    }
}
