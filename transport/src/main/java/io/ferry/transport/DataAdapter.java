package io.ferry.transport;

import io.ferry.codec.DataFrameDecoder;
import io.ferry.codec.MessageGuard;
import io.ferry.codec.MessageHeaderDecoder;

import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Decodes data frames: admits only sessions introduced by a handshake, bounds-checks the payload, copies it into
 * a reused direct buffer, checks its CRC32C and hands it to the listener. No allocation per frame.
 */
final class DataAdapter implements FragmentHandler
{

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final DataFrameDecoder frame = new DataFrameDecoder();
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
        if (templateId != DataFrameDecoder.TEMPLATE_ID)
        {
            if (templateId == MessageGuard.WRONG_SCHEMA || templateId == MessageGuard.WRONG_VERSION)
            {
                drops.wrongSchema();
            }
            else
            {
                drops.malformed();
            }
            return;
        }

        final PeerLink link = transport.linkByDataSession(aeronHeader.sessionId());
        if (null == link)
        {
            drops.unknownSession();
            return;
        }

        // A later schema version may append fields to the block: the payload starts after the block the sender wrote.
        final int payloadOffset =
            MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength() + DataFrameDecoder.payloadHeaderLength();
        if (length < payloadOffset)
        {
            drops.malformed();
            return;
        }
        frame.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final int payloadLength = frame.payloadLength();
        if (payloadLength < 0 || payloadLength > length - payloadOffset || payloadLength > payload.capacity())
        {
            drops.malformed();
            return;
        }

        payload.clear();
        buffer.getBytes(offset + payloadOffset, payload, 0, payloadLength);
        payload.limit(payloadLength);
        crc.reset();
        crc.update(payload);
        payload.position(0);
        if ((int)crc.getValue() != frame.crc32c())
        {
            link.onCrcDrop();
            return;
        }

        link.onDataReceived(payloadLength);
        link.consumedDataPosition(aeronHeader.position());
        listener.onData(link, frame.transferId(), frame.chunkIndex(), frame.fileIndex(), frame.fileOffset(), payload);
    }
}
