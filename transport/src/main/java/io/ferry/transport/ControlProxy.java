package io.ferry.transport;

import io.ferry.codec.CancelEncoder;
import io.ferry.codec.ChunkAckEncoder;
import io.ferry.codec.CommitEncoder;
import io.ferry.codec.CommittedEncoder;
import io.ferry.codec.HeartbeatEncoder;
import io.ferry.codec.HelloEncoder;
import io.ferry.codec.ManifestPartEncoder;
import io.ferry.codec.MessageHeaderEncoder;
import io.ferry.codec.PingEncoder;
import io.ferry.codec.PongEncoder;
import io.ferry.codec.Priority;
import io.ferry.codec.RejectEncoder;
import io.ferry.codec.RejectReason;
import io.ferry.codec.ResendRequestEncoder;
import io.ferry.codec.TransferAcceptEncoder;
import io.ferry.codec.TransferKind;
import io.ferry.codec.TransferOfferEncoder;
import io.ferry.codec.WelcomeEncoder;

import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableRingBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Encodes control messages for one peer into its outbox; the link drains the outbox into the reliable control
 * publication as back pressure allows, so callers never spin on an offer.
 */
public final class ControlProxy
{
    /** Largest control message, bounded so that a manifest part fits one frame on any supported MTU. */
    public static final int MAX_MESSAGE_LENGTH = 64 * 1024;
    /** Most group entries (chunks, ranges) put in one control message. */
    public static final int MAX_GROUP_ENTRIES = 1024;

    /** Longest reject message in characters; at most 4 bytes each in UTF-8, so it fits one 1408-byte frame. */
    static final int MAX_REJECT_MESSAGE_CHARS = 300;
    /** Room left in a frame for a message's header, fixed block and group header. */
    private static final int MESSAGE_OVERHEAD = 64;

    private final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_MESSAGE_LENGTH));
    private final ExpandableRingBuffer outbox;
    private final int maxResendRanges;
    private final int maxAckChunks;
    private final int maxHeldRanges;
    private final int maxProbePayloadLength;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final HelloEncoder hello = new HelloEncoder();
    private final WelcomeEncoder welcome = new WelcomeEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final TransferOfferEncoder offer = new TransferOfferEncoder();
    private final ManifestPartEncoder manifestPart = new ManifestPartEncoder();
    private final TransferAcceptEncoder accept = new TransferAcceptEncoder();
    private final ChunkAckEncoder chunkAck = new ChunkAckEncoder();
    private final ResendRequestEncoder resend = new ResendRequestEncoder();
    private final CommitEncoder commit = new CommitEncoder();
    private final CommittedEncoder committed = new CommittedEncoder();
    private final RejectEncoder reject = new RejectEncoder();
    private final CancelEncoder cancel = new CancelEncoder();
    private final PingEncoder ping = new PingEncoder();
    private final PongEncoder pong = new PongEncoder();

    ControlProxy(final ExpandableRingBuffer outbox, final int mtu)
    {
        this.outbox = outbox;
        // Group messages are sized to fit one frame, so the control stream never fragments: fragment reassembly
        // would allocate and grow buffers on the agent thread.
        final int frameRoom =
            Math.min(MAX_MESSAGE_LENGTH, mtu - DataHeaderFlyweight.HEADER_LENGTH - FrameProtector.OVERHEAD);
        final int room = frameRoom - MESSAGE_OVERHEAD;
        this.maxResendRanges = Math.min(MAX_GROUP_ENTRIES, room / ResendRequestEncoder.RangesEncoder.sbeBlockLength());
        this.maxAckChunks = Math.min(MAX_GROUP_ENTRIES, room / ChunkAckEncoder.ChunksEncoder.sbeBlockLength());
        this.maxHeldRanges = Math.min(MAX_GROUP_ENTRIES, room / TransferAcceptEncoder.HeldRangesEncoder.sbeBlockLength());
        this.maxProbePayloadLength = frameRoom - MessageHeaderEncoder.ENCODED_LENGTH - PingEncoder.BLOCK_LENGTH -
            PingEncoder.payloadHeaderLength();
    }

    /**
     * Largest payload a {@code Ping} or {@code Pong} to this peer may carry and still fit one sealed frame.
     *
     * @return bytes: MTU - 92 below 64 KiB (8,100 at MTU 8192, 1,316 at MTU 1408).
     */
    public int maxProbePayloadLength()
    {
        return maxProbePayloadLength;
    }

    /**
     * Most ranges one {@link #resendRequest} may carry on this link.
     *
     * @return count.
     */
    public int maxResendRanges()
    {
        return maxResendRanges;
    }

    /**
     * Most chunks one {@link #chunkAck} may carry on this link.
     *
     * @return count.
     */
    public int maxAckChunks()
    {
        return maxAckChunks;
    }

    /**
     * Most ranges one {@link #accept} may carry on this link.
     *
     * @return count.
     */
    public int maxHeldRanges()
    {
        return maxHeldRanges;
    }

    boolean hello(
        final long nonce,
        final int dataSessionId,
        final long capabilities,
        final byte[] ephemeralKey,
        final byte[] signature,
        final String hubId)
    {
        hello.wrapAndApplyHeader(scratch, 0, header)
            .protocolVersion(HelloEncoder.SCHEMA_VERSION)
            .capabilities(capabilities)
            .nonce(nonce)
            .dataSessionId(dataSessionId)
            .putEphemeralKey(ephemeralKey, 0, ephemeralKey.length)
            .putSignature(signature, 0, signature.length)
            .hubId(hubId);
        return append(hello.encodedLength());
    }

    boolean welcome(
        final long nonce,
        final int dataSessionId,
        final long helloNonce,
        final long capabilities,
        final byte[] ephemeralKey,
        final byte[] signature,
        final String hubId)
    {
        welcome.wrapAndApplyHeader(scratch, 0, header)
            .protocolVersion(WelcomeEncoder.SCHEMA_VERSION)
            .capabilities(capabilities)
            .nonce(nonce)
            .dataSessionId(dataSessionId)
            .helloNonce(helloNonce)
            .putEphemeralKey(ephemeralKey, 0, ephemeralKey.length)
            .putSignature(signature, 0, signature.length)
            .hubId(hubId);
        return append(welcome.encodedLength());
    }

    boolean heartbeat(final long nowNs, final long echoTimestampNs, final long echoHoldNs)
    {
        heartbeat.wrapAndApplyHeader(scratch, 0, header)
            .timestampNs(nowNs)
            .echoTimestampNs(echoTimestampNs)
            .echoHoldNs(echoHoldNs);
        return append(heartbeat.encodedLength());
    }

    boolean ping(
        final long probeId, final long timestampNs, final DirectBuffer payload, final int offset, final int length)
    {
        ping.wrapAndApplyHeader(scratch, 0, header)
            .probeId(probeId)
            .timestampNs(timestampNs)
            .putPayload(payload, offset, length);
        return append(ping.encodedLength());
    }

    boolean pong(
        final long probeId, final long timestampNs, final DirectBuffer payload, final int offset, final int length)
    {
        pong.wrapAndApplyHeader(scratch, 0, header)
            .probeId(probeId)
            .timestampNs(timestampNs)
            .putPayload(payload, offset, length);
        return append(pong.encodedLength());
    }

    /**
     * Offer a transfer; manifest parts follow with {@link #manifestPart}.
     *
     * @param transferId     transfer id.
     * @param kind           dataset or checkpoint.
     * @param priority       scheduling class.
     * @param manifestLength length of the encoded manifest.
     * @param manifestDigest SHA-256 of the encoded manifest (32 bytes).
     * @param totalBytes     bytes in the version.
     * @param chunkCount     chunks in the version.
     * @param frameLength    payload bytes of every data frame but a chunk's last; resend ranges use this grid.
     * @param dataset        dataset name.
     * @param version        version label.
     * @return false if the outbox is full.
     */
    public boolean offer(
        final long transferId,
        final TransferKind kind,
        final Priority priority,
        final int manifestLength,
        final byte[] manifestDigest,
        final long totalBytes,
        final int chunkCount,
        final int frameLength,
        final String dataset,
        final String version)
    {
        offer.wrapAndApplyHeader(scratch, 0, header)
            .transferId(transferId)
            .kind(kind)
            .priority(priority)
            .manifestLength(manifestLength)
            .putManifestDigest(manifestDigest, 0, TransferOfferEncoder.manifestDigestLength())
            .totalBytes(totalBytes)
            .chunkCount(chunkCount)
            .frameLength(frameLength)
            .dataset(dataset)
            .version(version);
        return append(offer.encodedLength());
    }

    /**
     * Largest slice of a manifest that {@link #manifestPart} accepts.
     *
     * @param mtu MTU of the link.
     * @return bytes.
     */
    public static int maxManifestPartLength(final int mtu)
    {
        return Math.min(MAX_MESSAGE_LENGTH, mtu) - 128;
    }

    /**
     * Send a slice of the offered manifest.
     *
     * @param transferId transfer id.
     * @param partOffset offset of the slice in the encoded manifest.
     * @param manifest   the encoded manifest.
     * @param length     bytes in this slice.
     * @return false if the outbox is full.
     */
    public boolean manifestPart(final long transferId, final int partOffset, final byte[] manifest, final int length)
    {
        manifestPart.wrapAndApplyHeader(scratch, 0, header)
            .transferId(transferId)
            .partOffset(partOffset)
            .putBytes(manifest, partOffset, length);
        return append(manifestPart.encodedLength());
    }

    /**
     * Accept an offer, listing chunk ranges already held as pairs (first, count).
     *
     * @param transferId transfer id.
     * @param ranges     flat array of (firstChunk, chunkCount) pairs.
     * @param rangeCount number of pairs, at most {@link #maxHeldRanges()}.
     * @return false if the outbox is full.
     */
    public boolean accept(final long transferId, final int[] ranges, final int rangeCount)
    {
        accept.wrapAndApplyHeader(scratch, 0, header).transferId(transferId);
        final TransferAcceptEncoder.HeldRangesEncoder held = accept.heldRangesCount(rangeCount);
        for (int i = 0; i < rangeCount; i++)
        {
            held.next().firstChunk(ranges[2 * i]).chunkCount(ranges[2 * i + 1]);
        }
        return append(accept.encodedLength());
    }

    /**
     * Report chunks verified and durable.
     *
     * @param transferId   transfer id.
     * @param bytesDurable total bytes of the transfer now durable on this side.
     * @param chunks       chunk indices.
     * @param count        entries used in {@code chunks}, at most {@link #maxAckChunks()}.
     * @return false if the outbox is full.
     */
    public boolean chunkAck(final long transferId, final long bytesDurable, final int[] chunks, final int count)
    {
        chunkAck.wrapAndApplyHeader(scratch, 0, header).transferId(transferId).bytesDurable(bytesDurable);
        final ChunkAckEncoder.ChunksEncoder group = chunkAck.chunksCount(count);
        for (int i = 0; i < count; i++)
        {
            group.next().chunkIndex(chunks[i]);
        }
        return append(chunkAck.encodedLength());
    }

    /**
     * Report byte ranges of chunks that are missing, so the source sends them again ahead of new data.
     *
     * @param transferId transfer id.
     * @param ranges     flat array of (chunkIndex, offset in chunk, length) triples.
     * @param count      triples used, at most {@link #maxResendRanges()}.
     * @return false if the outbox is full.
     */
    public boolean resendRequest(final long transferId, final int[] ranges, final int count)
    {
        resend.wrapAndApplyHeader(scratch, 0, header).transferId(transferId);
        final ResendRequestEncoder.RangesEncoder group = resend.rangesCount(count);
        for (int i = 0; i < count; i++)
        {
            group.next().chunkIndex(ranges[3 * i]).offset(ranges[3 * i + 1]).length(ranges[3 * i + 2]);
        }
        return append(resend.encodedLength());
    }

    /**
     * Ask the target to verify and publish.
     *
     * @param transferId transfer id.
     * @return false if the outbox is full.
     */
    public boolean commit(final long transferId)
    {
        commit.wrapAndApplyHeader(scratch, 0, header).transferId(transferId);
        return append(commit.encodedLength());
    }

    /**
     * Confirm publication.
     *
     * @param transferId    transfer id.
     * @param bytesReceived data bytes received for the transfer.
     * @return false if the outbox is full.
     */
    public boolean committed(final long transferId, final long bytesReceived)
    {
        committed.wrapAndApplyHeader(scratch, 0, header).transferId(transferId).bytesReceived(bytesReceived);
        return append(committed.encodedLength());
    }

    /**
     * Refuse or abort a transfer.
     *
     * @param transferId transfer id.
     * @param reason     reason code.
     * @param message    detail for the user.
     * @return false if the outbox is full.
     */
    public boolean reject(final long transferId, final RejectReason reason, final String message)
    {
        // Bounded so that a reject fits one frame on any MTU: the control stream never fragments.
        final String bounded = message.length() > MAX_REJECT_MESSAGE_CHARS ?
            message.substring(0, MAX_REJECT_MESSAGE_CHARS) + "..." : message;
        reject.wrapAndApplyHeader(scratch, 0, header).transferId(transferId).reason(reason).message(bounded);
        return append(reject.encodedLength());
    }

    /**
     * Withdraw a transfer.
     *
     * @param transferId transfer id.
     * @return false if the outbox is full.
     */
    public boolean cancel(final long transferId)
    {
        cancel.wrapAndApplyHeader(scratch, 0, header).transferId(transferId);
        return append(cancel.encodedLength());
    }

    private boolean append(final int messageLength)
    {
        return outbox.append(scratch, 0, MessageHeaderEncoder.ENCODED_LENGTH + messageLength);
    }
}
