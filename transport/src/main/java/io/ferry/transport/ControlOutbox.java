package io.ferry.transport;

import io.ferry.codec.HelloDecoder;
import io.ferry.codec.MessageHeaderDecoder;
import io.ferry.codec.WelcomeDecoder;

import io.aeron.ExclusivePublication;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableRingBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Control messages waiting to go to one peer: drained into the reliable control publication as back pressure allows,
 * each sealed with the session's control key except the handshake, which goes in the clear but signed.
 */
final class ControlOutbox
{
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final ExpandableRingBuffer messages = new ExpandableRingBuffer(INITIAL_CAPACITY, 64 * 1024 * 1024, true);
    private final ExpandableRingBuffer.MessageConsumer drainer = this::offerControl;
    private final byte[] message = new byte[ControlProxy.MAX_MESSAGE_LENGTH];
    private final byte[] frame = new byte[ControlProxy.MAX_MESSAGE_LENGTH + FrameProtector.OVERHEAD];
    private final UnsafeBuffer frameBuffer = new UnsafeBuffer(frame);
    private final PeerLink link;
    private final LinkSession session;

    ControlOutbox(final PeerLink link, final LinkSession session)
    {
        this.link = link;
        this.session = session;
    }

    ExpandableRingBuffer messages()
    {
        return messages;
    }

    int size()
    {
        return messages.size();
    }

    /**
     * Offer queued messages, at most {@code limit}, stopping at the first one the publication refuses.
     */
    void drain(final int limit)
    {
        if (!messages.isEmpty())
        {
            messages.consume(drainer, limit);
        }
    }

    /**
     * Drop what is queued: after a link loss it would be stale.
     */
    void clear()
    {
        messages.reset(INITIAL_CAPACITY);
    }

    private boolean offerControl(final MutableDirectBuffer buffer, final int offset, final int length, final int headOffset)
    {
        final int templateId = buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (templateId == HelloDecoder.TEMPLATE_ID || templateId == WelcomeDecoder.TEMPLATE_ID)
        {
            return offer(buffer, offset, length);
        }
        final FrameProtector controlSealer = session.controlSealer();
        if (null == controlSealer)
        {
            // Only handshake messages are sent before the session keys exist; anything else is stale, so drop it.
            return true;
        }
        buffer.getBytes(offset, message, 0, length);
        final int frameLength = controlSealer.seal(message, length, frame);
        if (frameLength == FrameProtector.EXHAUSTED)
        {
            link.rekey();
            return false;
        }
        return offer(frameBuffer, 0, frameLength);
    }

    private boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final ExclusivePublication publication = link.controlPublication();
        final long result = publication.offer(buffer, offset, length);
        if (result > 0)
        {
            link.count(TransportCounter.CONTROL_SENT, 1);
            return true;
        }
        link.onSendFailure(result);
        return false;
    }
}
