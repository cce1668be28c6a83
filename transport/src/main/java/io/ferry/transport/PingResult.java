package io.ferry.transport;

/**
 * Results of {@link Transport#ping}: a positive probe id when the ping is queued, else one of these negative codes.
 */
public final class PingResult
{
    /** No peer with that hub id is configured. */
    public static final long UNKNOWN_PEER = -1;
    /** The link to the peer is not up: no session keys to seal the ping with, or the peer is silent. */
    public static final long LINK_DOWN = -2;
    /** The payload length is negative or beyond one control frame ({@link ControlProxy#maxProbePayloadLength()}). */
    public static final long PAYLOAD_TOO_LONG = -3;
    /** The link's control outbox is full. */
    public static final long OUTBOX_FULL = -4;

    private PingResult()
    {
    }

    /**
     * Text for a result, for logs and tools.
     *
     * @param result value returned by {@link Transport#ping}.
     * @return a short description.
     */
    public static String describe(final long result)
    {
        if (result > 0)
        {
            return "queued as probe " + result;
        }
        if (result == UNKNOWN_PEER)
        {
            return "no such peer is configured";
        }
        if (result == LINK_DOWN)
        {
            return "the link to the peer is not up";
        }
        if (result == PAYLOAD_TOO_LONG)
        {
            return "the payload does not fit one control frame of the link";
        }
        if (result == OUTBOX_FULL)
        {
            return "the control outbox to the peer is full";
        }
        return "unknown ping result " + result;
    }
}
