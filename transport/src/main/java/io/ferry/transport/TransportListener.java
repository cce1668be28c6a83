package io.ferry.transport;

import io.ferry.codec.CancelDecoder;
import io.ferry.codec.ChunkAckDecoder;
import io.ferry.codec.CommitDecoder;
import io.ferry.codec.CommittedDecoder;
import io.ferry.codec.ManifestPartDecoder;
import io.ferry.codec.RejectDecoder;
import io.ferry.codec.ResendRequestDecoder;
import io.ferry.codec.TransferAcceptDecoder;
import io.ferry.codec.TransferOfferDecoder;

import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;

/**
 * Receives what arrives from authenticated peers: link state changes, decoded control messages and data frames.
 * Decoders are flyweights valid only for the duration of the call. Every method does nothing by default, so a
 * listener overrides only what it handles.
 */
public interface TransportListener
{
    /**
     * A peer completed the handshake (again, after a restart of either side).
     *
     * @param link the peer's link.
     */
    default void onPeerUp(PeerLink link)
    {
    }

    /**
     * A peer stopped answering or restarted; what was in flight to it must be offered again.
     *
     * @param link the peer's link.
     */
    default void onPeerDown(PeerLink link)
    {
    }

    /**
     * A transfer offer.
     *
     * @param link    sender.
     * @param decoder the offer.
     */
    default void onOffer(PeerLink link, TransferOfferDecoder decoder)
    {
    }

    /**
     * A slice of an offered manifest.
     *
     * @param link    sender.
     * @param decoder the part.
     */
    default void onManifestPart(PeerLink link, ManifestPartDecoder decoder)
    {
    }

    /**
     * The target accepted an offer.
     *
     * @param link    sender.
     * @param decoder the accept.
     */
    default void onAccept(PeerLink link, TransferAcceptDecoder decoder)
    {
    }

    /**
     * The target verified chunks.
     *
     * @param link    sender.
     * @param decoder the ack.
     */
    default void onChunkAck(PeerLink link, ChunkAckDecoder decoder)
    {
    }

    /**
     * The target wants chunks sent again.
     *
     * @param link    sender.
     * @param decoder the request.
     */
    default void onResendRequest(PeerLink link, ResendRequestDecoder decoder)
    {
    }

    /**
     * The source asks the target to publish.
     *
     * @param link    sender.
     * @param decoder the commit.
     */
    default void onCommit(PeerLink link, CommitDecoder decoder)
    {
    }

    /**
     * The target published the version.
     *
     * @param link    sender.
     * @param decoder the confirmation.
     */
    default void onCommitted(PeerLink link, CommittedDecoder decoder)
    {
    }

    /**
     * A transfer was refused or aborted by the other side.
     *
     * @param link    sender.
     * @param decoder the reject.
     */
    default void onReject(PeerLink link, RejectDecoder decoder)
    {
    }

    /**
     * The source withdrew a transfer.
     *
     * @param link    sender.
     * @param decoder the cancel.
     */
    default void onCancel(PeerLink link, CancelDecoder decoder)
    {
    }

    /**
     * The peer answered this hub's latest {@link Transport#ping}.
     *
     * @param link        the peer.
     * @param probeId     the id {@code ping} returned.
     * @param roundTripNs from queueing the ping to decoding the pong, in nanoseconds.
     * @param payload     buffer holding the echoed payload, valid only during the call.
     * @param offset      offset of the payload in {@code payload}.
     * @param length      payload length.
     */
    default void onPong(
        PeerLink link, long probeId, long roundTripNs, DirectBuffer payload, int offset, int length)
    {
    }

    /**
     * A data frame whose CRC32C matched.
     *
     * @param link        sender.
     * @param transferId  transfer the frame belongs to.
     * @param chunkIndex  chunk within the transfer's manifest.
     * @param fileIndex   manifest entry index.
     * @param fileOffset  offset of the payload within the file.
     * @param payload     direct buffer holding the payload between position and limit, reused after return.
     */
    default void onData(
        PeerLink link, long transferId, int chunkIndex, int fileIndex, long fileOffset, ByteBuffer payload)
    {
    }
}
