package io.ferry.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hub-wide counts of inbound messages dropped before reaching a listener, by cause.
 */
public final class TransportDrops
{
    private final AtomicLong unknownSession = new AtomicLong();
    private final AtomicLong unknownPeer = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong wrongSchema = new AtomicLong();

    void unknownSession()
    {
        unknownSession.lazySet(unknownSession.get() + 1);
    }

    void unknownPeer()
    {
        unknownPeer.lazySet(unknownPeer.get() + 1);
    }

    void malformed()
    {
        malformed.lazySet(malformed.get() + 1);
    }

    void wrongSchema()
    {
        wrongSchema.lazySet(wrongSchema.get() + 1);
    }

    /**
     * Messages from an Aeron session no handshake has introduced.
     *
     * @return count.
     */
    public long unknownSessionCount()
    {
        return unknownSession.get();
    }

    /**
     * Handshakes naming a hub that is not a configured peer.
     *
     * @return count.
     */
    public long unknownPeerCount()
    {
        return unknownPeer.get();
    }

    /**
     * Messages too short or inconsistent to decode.
     *
     * @return count.
     */
    public long malformedCount()
    {
        return malformed.get();
    }

    /**
     * Messages of another schema or an unsupported version.
     *
     * @return count.
     */
    public long wrongSchemaCount()
    {
        return wrongSchema.get();
    }
}
