package io.ferry.transport;

import io.ferry.codec.DataFrameEncoder;
import io.ferry.codec.MessageHeaderEncoder;

import io.aeron.ExclusivePublication;
import io.aeron.logbuffer.BufferClaim;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import io.aeron.Publication;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Encodes data frames, seals them with the link's data key and writes them into the claimed term buffer of a peer's
 * data publication: the payload is copied twice (into the message, and the sealed frame into the claim) because the
 * JDK's AES-GCM works fastest and with least allocation on heap arrays.
 */
public final class DataPublisher
{
    /** Bytes of a DataFrame message besides its payload: SBE header, fixed block and var-data length. */
    static final int MESSAGE_OVERHEAD =
        MessageHeaderEncoder.ENCODED_LENGTH + DataFrameEncoder.BLOCK_LENGTH + DataFrameEncoder.payloadHeaderLength();
    /** Bytes a data frame adds to its payload: the DataFrame message around it, sealed. */
    public static final int FRAME_OVERHEAD = MESSAGE_OVERHEAD + FrameProtector.OVERHEAD;
    /** Largest DataFrame message: a payload of Aeron's largest frame. */
    private static final int MAX_MESSAGE_LENGTH = 64 * 1024;

    private final byte[] message = new byte[MAX_MESSAGE_LENGTH];
    private final UnsafeBuffer messageBuffer = new UnsafeBuffer(message);
    private final byte[] frame = new byte[MAX_MESSAGE_LENGTH + FrameProtector.OVERHEAD];
    private final BufferClaim claim = new BufferClaim();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final DataFrameEncoder encoder = new DataFrameEncoder();
    private final CRC32C crc = new CRC32C();
    /**
     * Ethernet (14), IPv4 (20) and UDP (8) headers of each datagram: a link's rate counts them, so pacing does too,
     * or ferry would run about 3 % over a link at MTU 1408 and fill its queue.
     */
    public static final int DATAGRAM_OVERHEAD = 14 + 20 + 8;

    private final PeerLink link;
    private final int publicationWindow;

    DataPublisher(final PeerLink link, final int publicationWindow)
    {
        this.link = link;
        this.publicationWindow = publicationWindow;
    }

    /**
     * Position of this data stream up to which the media driver has sent: frames beyond it still wait in the
     * publication, so they cannot have been lost. Derived from the publisher limit, which the driver keeps at the
     * sender position plus {@code pub-wnd}. Agent thread only.
     *
     * @return stream position in bytes.
     */
    public long sentPosition()
    {
        return link.dataPublication().positionLimit() - publicationWindow;
    }

    /**
     * Bytes a frame with this payload occupies on the link: the datagram's Ethernet, IPv4 and UDP headers, then
     * Aeron's data header and ferry's frame padded to Aeron's 32-byte frame alignment.
     *
     * @param payloadLength payload bytes.
     * @return bytes to pace.
     */
    public static int wireLength(final int payloadLength)
    {
        return DATAGRAM_OVERHEAD + ((DataHeaderFlyweight.HEADER_LENGTH + FRAME_OVERHEAD + payloadLength +
            FrameDescriptor.FRAME_ALIGNMENT - 1) & -FrameDescriptor.FRAME_ALIGNMENT);
    }

    /**
     * Largest payload one frame can carry on this link.
     *
     * @return bytes.
     */
    public int maxPayloadLength()
    {
        return link.dataPublication().maxPayloadLength() - FRAME_OVERHEAD;
    }

    /**
     * Send one data frame; the payload is the source buffer between its position and limit, which are restored.
     *
     * @param transferId transfer id.
     * @param chunkIndex chunk index.
     * @param fileIndex  manifest entry index.
     * @param fileOffset offset of the payload within the file.
     * @param payload    direct buffer holding the payload.
     * @return the new stream position when sent, or a negative Aeron offer result ({@code NOT_CONNECTED} before the
     * session keys are known or while the link rekeys, {@code BACK_PRESSURED} while the peer is silent).
     */
    public long send(
        final long transferId, final int chunkIndex, final int fileIndex, final long fileOffset, final ByteBuffer payload)
    {
        final int position = payload.position();
        final int length = payload.remaining();
        final FrameProtector sealer = link.dataSealer();
        if (null == sealer)
        {
            return Publication.NOT_CONNECTED;
        }
        if (link.isPeerSilent())
        {
            return Publication.BACK_PRESSURED;
        }
        final ExclusivePublication publication = link.dataPublication();
        final int messageLength = MESSAGE_OVERHEAD + length;
        final long result = publication.tryClaim(messageLength + FrameProtector.OVERHEAD, claim);
        if (result > 0)
        {
            crc.reset();
            crc.update(payload);
            payload.position(position);

            encoder.wrapAndApplyHeader(messageBuffer, 0, header)
                .transferId(transferId)
                .chunkIndex(chunkIndex)
                .fileIndex(fileIndex)
                .fileOffset(fileOffset)
                .crc32c((int)crc.getValue());
            final int lengthOffset = MessageHeaderEncoder.ENCODED_LENGTH + DataFrameEncoder.BLOCK_LENGTH;
            messageBuffer.putInt(lengthOffset, length, ByteOrder.LITTLE_ENDIAN);
            messageBuffer.putBytes(lengthOffset + DataFrameEncoder.payloadHeaderLength(), payload, position, length);
            final int frameLength = sealer.seal(message, messageLength, frame);
            if (frameLength == FrameProtector.EXHAUSTED)
            {
                claim.abort();
                link.rekey();
                return Publication.NOT_CONNECTED;
            }
            claim.buffer().putBytes(claim.offset(), frame, 0, frameLength);
            claim.commit();
            link.count(TransportCounter.BYTES_SENT, length);
            link.count(TransportCounter.FRAMES_SENT, 1);
        }
        else
        {
            link.onSendFailure(result);
        }
        return result;
    }
}
