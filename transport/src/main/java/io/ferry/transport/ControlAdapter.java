package io.ferry.transport;

import io.ferry.codec.CancelDecoder;
import io.ferry.codec.ChunkAckDecoder;
import io.ferry.codec.CommitDecoder;
import io.ferry.codec.CommittedDecoder;
import io.ferry.codec.HeartbeatDecoder;
import io.ferry.codec.HelloDecoder;
import io.ferry.codec.ManifestPartDecoder;
import io.ferry.codec.MessageGuard;
import io.ferry.codec.MessageHeaderDecoder;
import io.ferry.codec.PingDecoder;
import io.ferry.codec.PongDecoder;
import io.ferry.codec.RejectDecoder;
import io.ferry.codec.ResendRequestDecoder;
import io.ferry.codec.SealedFrameDecoder;
import io.ferry.codec.TransferAcceptDecoder;
import io.ferry.codec.TransferOfferDecoder;
import io.ferry.codec.WelcomeDecoder;

import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Decodes the reliable control stream: checks each message's header, handles the signed Hello/Welcome itself,
 * admits other messages only sealed by a session introduced by a handshake (dropping frames whose tag fails and
 * replays before anything is decoded), handles Heartbeat and hands everything else to the listener.
 */
final class ControlAdapter implements FragmentHandler
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final HelloDecoder hello = new HelloDecoder();
    private final WelcomeDecoder welcome = new WelcomeDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final TransferOfferDecoder offer = new TransferOfferDecoder();
    private final ManifestPartDecoder manifestPart = new ManifestPartDecoder();
    private final TransferAcceptDecoder accept = new TransferAcceptDecoder();
    private final ChunkAckDecoder chunkAck = new ChunkAckDecoder();
    private final ResendRequestDecoder resend = new ResendRequestDecoder();
    private final CommitDecoder commit = new CommitDecoder();
    private final CommittedDecoder committed = new CommittedDecoder();
    private final RejectDecoder reject = new RejectDecoder();
    private final CancelDecoder cancel = new CancelDecoder();
    private final PingDecoder ping = new PingDecoder();
    private final PongDecoder pong = new PongDecoder();
    private final UnsafeBuffer probePayload = new UnsafeBuffer(0, 0);
    private final byte[] frame = new byte[ControlProxy.MAX_MESSAGE_LENGTH + FrameProtector.OVERHEAD];
    private final byte[] message = new byte[ControlProxy.MAX_MESSAGE_LENGTH + FrameProtector.OVERHEAD];
    private final UnsafeBuffer messageBuffer = new UnsafeBuffer(message);
    private final Transport transport;
    private final TransportDrops drops;
    private final NanoClock clock;
    private TransportListener listener;
    private long nowNs;
    private int messageLimit;

    ControlAdapter(final Transport transport, final TransportDrops drops, final NanoClock clock)
    {
        this.transport = transport;
        this.drops = drops;
        this.clock = clock;
    }

    void listener(final TransportListener listener)
    {
        this.listener = listener;
    }

    void nowNs(final long nowNs)
    {
        this.nowNs = nowNs;
    }

    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header aeronHeader)
    {
        final int templateId = MessageGuard.check(header, buffer, offset, length);
        if (templateId < 0)
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

        final int sessionId = aeronHeader.sessionId();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        try
        {
            if (templateId == HelloDecoder.TEMPLATE_ID)
            {
                hello.wrap(buffer, bodyOffset, blockLength, version);
                transport.onHello(sessionId, hello, nowNs);
                return;
            }
            if (templateId == WelcomeDecoder.TEMPLATE_ID)
            {
                welcome.wrap(buffer, bodyOffset, blockLength, version);
                transport.onWelcome(sessionId, welcome, nowNs);
                return;
            }

            if (templateId != SealedFrameDecoder.TEMPLATE_ID)
            {
                drops.badTag();
                return;
            }
            final PeerLink link = transport.linkByControlSession(sessionId);
            final FrameProtector opener = null == link ? null : link.controlOpener();
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

            final int innerTemplateId = MessageGuard.check(header, messageBuffer, 0, messageLength);
            if (innerTemplateId < 0 || innerTemplateId == HelloDecoder.TEMPLATE_ID ||
                innerTemplateId == WelcomeDecoder.TEMPLATE_ID || innerTemplateId == SealedFrameDecoder.TEMPLATE_ID)
            {
                drops.malformed();
                return;
            }
            link.onHeard(nowNs);
            messageLimit = messageLength;
            dispatch(innerTemplateId, link, messageBuffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                header.version());
        }
        catch (final IndexOutOfBoundsException | IllegalStateException | IllegalArgumentException ex)
        {
            drops.malformed();
        }
    }

    private void dispatch(
        final int templateId,
        final PeerLink link,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version)
    {
        switch (templateId)
        {
            case HeartbeatDecoder.TEMPLATE_ID:
                heartbeat.wrap(buffer, offset, blockLength, version);
                // The duty cycle read its clock before the poll; a heartbeat that arrived while this thread was
                // preempted after that read would time its round trip short, and one short sample would become the
                // link's minimum RTT for good. Timing it on receipt errs only long.
                link.onHeartbeat(heartbeat.timestampNs(), heartbeat.echoTimestampNs(), heartbeat.echoHoldNs(),
                    Math.max(nowNs, clock.nanoTime()));
                break;
            case PingDecoder.TEMPLATE_ID:
                ping.wrap(buffer, offset, blockLength, version);
                ping.wrapPayload(probePayload);
                if (ping.limit() > messageLimit)
                {
                    // The reused message array holds older, longer messages beyond this one: never echo them.
                    drops.malformed();
                    break;
                }
                link.pings().onPing(ping.probeId(), ping.timestampNs(), probePayload, 0, probePayload.capacity());
                break;
            case PongDecoder.TEMPLATE_ID:
                onPong(link, pong.wrap(buffer, offset, blockLength, version));
                break;
            case TransferOfferDecoder.TEMPLATE_ID:
                listener.onOffer(link, offer.wrap(buffer, offset, blockLength, version));
                break;
            case ManifestPartDecoder.TEMPLATE_ID:
                listener.onManifestPart(link, manifestPart.wrap(buffer, offset, blockLength, version));
                break;
            case TransferAcceptDecoder.TEMPLATE_ID:
                listener.onAccept(link, accept.wrap(buffer, offset, blockLength, version));
                break;
            case ChunkAckDecoder.TEMPLATE_ID:
                listener.onChunkAck(link, chunkAck.wrap(buffer, offset, blockLength, version));
                break;
            case ResendRequestDecoder.TEMPLATE_ID:
                listener.onResendRequest(link, resend.wrap(buffer, offset, blockLength, version));
                break;
            case CommitDecoder.TEMPLATE_ID:
                listener.onCommit(link, commit.wrap(buffer, offset, blockLength, version));
                break;
            case CommittedDecoder.TEMPLATE_ID:
                listener.onCommitted(link, committed.wrap(buffer, offset, blockLength, version));
                break;
            case RejectDecoder.TEMPLATE_ID:
                listener.onReject(link, reject.wrap(buffer, offset, blockLength, version));
                break;
            case CancelDecoder.TEMPLATE_ID:
                listener.onCancel(link, cancel.wrap(buffer, offset, blockLength, version));
                break;
            default:
                drops.malformed();
        }
    }

    private void onPong(final PeerLink link, final PongDecoder pong)
    {
        pong.wrapPayload(probePayload);
        if (pong.limit() > messageLimit)
        {
            drops.malformed();
            return;
        }
        final long probeId = pong.probeId();
        final long roundTripNs = link.pings().onPong(probeId, pong.timestampNs(), transport.probeTimeNs());
        if (roundTripNs >= 0)
        {
            listener.onPong(link, probeId, roundTripNs, probePayload, 0, probePayload.capacity());
        }
    }
}
