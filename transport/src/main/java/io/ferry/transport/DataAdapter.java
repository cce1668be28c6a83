package io.ferry.transport;

import io.ferry.codec.DataFrameDecoder;
import io.ferry.codec.MessageGuard;
import io.ferry.codec.MessageHeaderDecoder;
import io.ferry.codec.SealedFrameDecoder;

import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Decodes data frames: admits only sessions introduced by a handshake, opens the sealed frame with the session's
 * data key (dropping frames whose tag fails and replays before anything is decoded), bounds-checks the payload,
 * copies it into a reused direct buffer, checks its CRC32C and hands it to the listener.
 */
final class DataAdapter implements FragmentHandler
{
    /** Aeron's largest frame payload bounds every data frame. */
    private static final int MAX_FRAME_LENGTH = 64 * 1024;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final DataFrameDecoder dataFrame = new DataFrameDecoder();
    private final byte[] frame = new byte[MAX_FRAME_LENGTH];
    private final byte[] message = new byte[MAX_FRAME_LENGTH];
    private final UnsafeBuffer messageBuffer = new UnsafeBuffer(message);
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer payload = ByteBuffer.allocateDirect(64 * 1024);
    private final Transport transport;
    private final TransportDrops drops;
    private TransportListener listener;

    DataAdapter(final Transport transport, final TransportDrops drops)
    {
        this.transport = transport;
        this.drops = drops;
    }

    void listener(final TransportListener listener)
    {
        this.listener = listener;
    }

    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header aeronHeader)
    {
        final int templateId = MessageGuard.check(header, buffer, offset, length);
        if (templateId != SealedFrameDecoder.TEMPLATE_ID || header.blockLength() != SealedFrameDecoder.BLOCK_LENGTH)
        {
            if (templateId == MessageGuard.WRONG_SCHEMA || templateId == MessageGuard.WRONG_VERSION)
            {
                drops.wrongSchema();
            }
            else if (templateId == DataFrameDecoder.TEMPLATE_ID)
            {
                drops.badTag();
            }
            else
            {
                drops.malformed();
            }
            return;
        }

        final PeerLink link = transport.linkByDataSession(aeronHeader.sessionId());
        final FrameProtector opener = null == link ? null : link.dataOpener();
        if (null == opener)
        {
            drops.unknownSession();
            return;
        }
        if (length > frame.length)
        {
            drops.malformed();
            return;
        }
        buffer.getBytes(offset, frame, 0, length);
        final int messageLength = opener.open(frame, length, message);
        if (messageLength < 0)
        {
            drops.onOpenFailure(messageLength);
            return;
        }

        if (MessageGuard.check(header, messageBuffer, 0, messageLength) != DataFrameDecoder.TEMPLATE_ID)
        {
            drops.malformed();
            return;
        }
        // A later schema version may append fields to the block: the payload starts after the block the sender wrote.
        final int payloadOffset =
            MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength() + DataFrameDecoder.payloadHeaderLength();
        if (messageLength < payloadOffset)
        {
            drops.malformed();
            return;
        }
        dataFrame.wrap(messageBuffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final int payloadLength = dataFrame.payloadLength();
        if (payloadLength < 0 || payloadLength > messageLength - payloadOffset || payloadLength > payload.capacity())
        {
            drops.malformed();
            return;
        }

        payload.clear();
        messageBuffer.getBytes(payloadOffset, payload, 0, payloadLength);
        payload.limit(payloadLength);
        crc.reset();
        crc.update(payload);
        payload.position(0);
        if ((int)crc.getValue() != dataFrame.crc32c())
        {
            link.count(TransportCounter.CRC_DROPS, 1);
            return;
        }

        link.count(TransportCounter.BYTES_RECEIVED, payloadLength);
        link.count(TransportCounter.FRAMES_RECEIVED, 1);
        link.consumedDataPosition(aeronHeader.position());
        listener.onData(link, dataFrame.transferId(), dataFrame.chunkIndex(), dataFrame.fileIndex(),
            dataFrame.fileOffset(), payload);
    }
}
