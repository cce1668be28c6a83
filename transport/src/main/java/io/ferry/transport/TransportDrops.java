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
    private final AtomicLong notAuthorized = new AtomicLong();
    private final AtomicLong badTag = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();

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

    void notAuthorized()
    {
        notAuthorized.lazySet(notAuthorized.get() + 1);
    }

    void badTag()
    {
        badTag.lazySet(badTag.get() + 1);
    }

    void onOpenFailure(final int result)
    {
        if (result == FrameProtector.REPLAYED)
        {
            replayed.lazySet(replayed.get() + 1);
        }
        else if (result == FrameProtector.BAD_TAG)
        {
            badTag();
        }
        else
        {
            malformed();
        }
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

    /**
     * Handshakes refused: no public key configured for the sender, a signature that does not verify, or a different
     * encryption setting.
     *
     * @return count.
     */
    public long notAuthorizedCount()
    {
        return notAuthorized.get();
    }

    /**
     * Frames after the handshake whose tag did not verify under the session key, or that were not sealed at all.
     *
     * @return count.
     */
    public long badTagCount()
    {
        return badTag.get();
    }

    /**
     * Sealed frames whose counter was accepted before or is older than the replay window.
     *
     * @return count.
     */
    public long replayedCount()
    {
        return replayed.get();
    }
}
