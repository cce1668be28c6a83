package io.ferry.transport;

import io.ferry.codec.DataFrameEncoder;
import io.ferry.codec.MessageHeaderEncoder;

import io.aeron.ExclusivePublication;
import io.aeron.logbuffer.BufferClaim;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Encodes data frames straight into the claimed term buffer of a peer's data publication: zero copy beyond the
 * one payload copy from the read buffer, and no allocation.
 */
public final class DataPublisher
{
    /** Bytes a data frame adds to its payload: SBE header, fixed block and var-data length. */
    public static final int FRAME_OVERHEAD =
        MessageHeaderEncoder.ENCODED_LENGTH + DataFrameEncoder.BLOCK_LENGTH + DataFrameEncoder.payloadHeaderLength();

    private final BufferClaim claim = new BufferClaim();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final DataFrameEncoder encoder = new DataFrameEncoder();
    private final CRC32C crc = new CRC32C();
    private final PeerLink link;

    DataPublisher(final PeerLink link)
    {
        this.link = link;
    }

    /**
     * Bytes a frame with this payload occupies in the term and on the wire: Aeron's data header plus ferry's frame,
     * padded to Aeron's 32-byte frame alignment.
     *
     * @param payloadLength payload bytes.
     * @return bytes to pace.
     */
    public static int wireLength(final int payloadLength)
    {
        return (DataHeaderFlyweight.HEADER_LENGTH + FRAME_OVERHEAD + payloadLength + FrameDescriptor.FRAME_ALIGNMENT - 1) &
            -FrameDescriptor.FRAME_ALIGNMENT;
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
     * @return the new stream position when sent, or a negative Aeron offer result.
     */
    public long send(
        final long transferId, final int chunkIndex, final int fileIndex, final long fileOffset, final ByteBuffer payload)
    {
        final int position = payload.position();
        final int length = payload.remaining();
        final ExclusivePublication publication = link.dataPublication();
        final long result = publication.tryClaim(FRAME_OVERHEAD + length, claim);
        if (result > 0)
        {
            crc.reset();
            crc.update(payload);
            payload.position(position);

            final MutableDirectBuffer buffer = claim.buffer();
            final int offset = claim.offset();
            encoder.wrapAndApplyHeader(buffer, offset, header)
                .transferId(transferId)
                .chunkIndex(chunkIndex)
                .fileIndex(fileIndex)
                .fileOffset(fileOffset)
                .crc32c((int)crc.getValue());
            final int lengthOffset = offset + MessageHeaderEncoder.ENCODED_LENGTH + DataFrameEncoder.BLOCK_LENGTH;
            buffer.putInt(lengthOffset, length, java.nio.ByteOrder.LITTLE_ENDIAN);
            buffer.putBytes(lengthOffset + DataFrameEncoder.payloadHeaderLength(), payload, position, length);
            claim.commit();
            link.onDataSent(length);
        }
        else
        {
            link.onSendFailure(result);
        }
        return result;
    }
}
