package io.ferry.transport;

import io.ferry.codec.HelloDecoder;
import io.ferry.codec.MessageHeaderDecoder;
import io.ferry.codec.WelcomeDecoder;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.status.ChannelEndpointStatus;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableRingBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;

import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One peer hub: its publications, handshake and liveness state, control outbox and counters.
 * Owned by the transport's agent thread; the snapshot accessors are safe from any thread.
 */
public final class PeerLink
{
    /** Type id of the media driver's receiver high-water-mark counter ({@code rcv-hwm}). */
    static final int RECEIVER_HWM_TYPE_ID = 3;
    /** Offset of the session id in a stream counter's key. */
    static final int SESSION_ID_OFFSET = 8;
    /** Offset of the stream id in a stream counter's key. */
    static final int STREAM_ID_OFFSET = 12;

    private final PeerEndpoint endpoint;
    private final Aeron aeron;
    private final String channel;
    private final ExpandableRingBuffer outbox = new ExpandableRingBuffer(64 * 1024, 64 * 1024 * 1024, true);
    private final ControlProxy control;
    private final DataPublisher data = new DataPublisher(this);
    private final AtomicCounter[] counters = new AtomicCounter[TransportCounter.values().length];
    private final ExpandableRingBuffer.MessageConsumer outboxDrainer = this::offerControl;

    /** Interval of round-trip probes while data flows to the peer. */
    static final long PROBE_INTERVAL_NS = 10_000_000L;

    private final Pacer pacer;
    private final RateController rateController;
    private long peerTimestampNs;
    private long peerTimestampReceivedNs;
    private long lastProbeNs;
    private long framesSentSeen;
    private long lastFramesSentNs;
    private volatile long rateSnapshot;
    private volatile long smoothedRttSnapshot;
    private final CountersReader countersReader;
    private final int windowLength;
    private final String hubId;
    private final HubIdentity identity;
    private final long capabilities;
    private final PublicKey trustedKey;
    private final SecureRandom random;
    private long nonce;
    private KeyPair ephemeral;
    private byte[] ephemeralKey;
    private byte[] remoteEphemeralKey;
    private final Encryption encryption;
    private SessionKeys sessionKeys;
    private FrameProtector controlSealer;
    private FrameProtector dataSealer;
    private FrameProtector controlOpener;
    private FrameProtector dataOpener;
    private final byte[] controlMessage = new byte[ControlProxy.MAX_MESSAGE_LENGTH];
    private final byte[] controlFrame = new byte[ControlProxy.MAX_MESSAGE_LENGTH + FrameProtector.OVERHEAD];
    private final UnsafeBuffer controlFrameBuffer = new UnsafeBuffer(controlFrame);
    private int receivedHwmCounterId = CountersReader.NULL_COUNTER_ID;
    private long consumedDataPosition;
    private ExclusivePublication controlPublication;
    private ExclusivePublication dataPublication;

    private long remoteNonce;
    private int remoteControlSessionId;
    private int remoteDataSessionId;
    private boolean remoteKnown;
    private boolean acknowledged;
    private boolean up;
    private long lastHeardNs;
    private long lastHelloNs;
    private volatile boolean upSnapshot;
    private volatile long lastHeardEpochMs;

    PeerLink(
        final Aeron aeron,
        final PeerEndpoint endpoint,
        final String channel,
        final TokenBucket hubBucket,
        final int windowLength,
        final TransportContext ctx,
        final SecureRandom random,
        final long nowNs)
    {
        this.aeron = aeron;
        this.hubId = ctx.hubId();
        this.identity = ctx.identity();
        this.encryption = ctx.encryption();
        this.capabilities = encryption.capability();
        final byte[] configuredKey = ctx.peerPublicKey(endpoint.id());
        this.trustedKey = null == configuredKey ? null : HubIdentity.publicKey(configuredKey);
        this.random = random;
        newHandshakeKeys();
        this.countersReader = aeron.countersReader();
        this.control = new ControlProxy(outbox, endpoint.mtu());
        this.windowLength = windowLength;
        this.endpoint = endpoint;
        this.channel = channel;
        for (final TransportCounter counter : TransportCounter.values())
        {
            counters[counter.ordinal()] = aeron.addCounter(
                counter.typeId(), counter.metricName() + " peer=" + endpoint.id());
        }
        pacer = new Pacer(endpoint.bandwidthBitsPerSecond(), endpoint.mtu(), hubBucket,
            counters[TransportCounter.PACING_WAITS.ordinal()], nowNs);
        rateController = new RateController(pacer.configuredBytesPerSecond(), nowNs);
        rateSnapshot = pacer.configuredBytesPerSecond();
        openPublications();
    }

    /**
     * Pacer of data frames to this peer; ask it before each frame.
     *
     * @return the pacer.
     */
    public Pacer pacer()
    {
        return pacer;
    }

    /**
     * The peer's configuration.
     *
     * @return endpoint.
     */
    public PeerEndpoint endpoint()
    {
        return endpoint;
    }

    /**
     * The peer's hub id.
     *
     * @return id.
     */
    public String id()
    {
        return endpoint.id();
    }

    /**
     * Encoder of control messages to this peer.
     *
     * @return the proxy.
     */
    public ControlProxy control()
    {
        return control;
    }

    /**
     * Zero-copy sender of data frames to this peer.
     *
     * @return the publisher.
     */
    public DataPublisher data()
    {
        return data;
    }

    /**
     * Whether the handshake completed and the peer is live (agent thread view).
     *
     * @return true when up.
     */
    public boolean isUp()
    {
        return up;
    }

    /**
     * Whether the peer is up, as last published by the agent thread.
     *
     * @return true when up.
     */
    public boolean isUpSnapshot()
    {
        return upSnapshot;
    }

    /**
     * Epoch milliseconds the peer was last heard from, 0 if never.
     *
     * @return epoch ms.
     */
    public long lastHeardEpochMs()
    {
        return lastHeardEpochMs;
    }

    /**
     * Current value of a counter.
     *
     * @param counter which counter.
     * @return value.
     */
    public long counter(final TransportCounter counter)
    {
        return counters[counter.ordinal()].get();
    }

    /**
     * Bytes waiting in the control outbox.
     *
     * @return bytes.
     */
    public int controlBacklog()
    {
        return outbox.size();
    }

    /**
     * Count data frames the peer reported missing: a loss signal for the adaptive rate.
     *
     * @param frames frames reported.
     */
    public void onPeerReportedMissing(final int frames)
    {
        rateController.onFramesMissing(frames);
    }

    /**
     * Adaptive send rate as last decided by the agent thread.
     *
     * @return bytes per second.
     */
    public long rateSnapshot()
    {
        return rateSnapshot;
    }

    /**
     * Smoothed round-trip time as last measured by the agent thread.
     *
     * @return nanoseconds, 0 before any sample.
     */
    public long smoothedRttSnapshot()
    {
        return smoothedRttSnapshot;
    }

    /**
     * Stream position up to which this hub has consumed the peer's data stream.
     *
     * @return position in bytes.
     */
    public long consumedDataPosition()
    {
        return consumedDataPosition;
    }

    /**
     * Highest position of the peer's data stream the media driver has received (its {@code rcv-hwm} counter): data
     * the peer sends from now on lands beyond it. Agent thread only.
     *
     * @return position in bytes, or -1 if the driver has no image of the peer's data stream yet.
     */
    public long receivedDataPosition()
    {
        if (!remoteKnown)
        {
            return -1;
        }
        if (receivedHwmCounterId == CountersReader.NULL_COUNTER_ID)
        {
            receivedHwmCounterId = findReceiverHwmCounter(remoteDataSessionId);
            if (receivedHwmCounterId == CountersReader.NULL_COUNTER_ID)
            {
                return -1;
            }
        }
        return countersReader.getCounterValue(receivedHwmCounterId);
    }

    /**
     * Receiver window of this hub's subscriptions: the most the peer can send beyond what the driver acknowledged.
     *
     * @return bytes.
     */
    public int windowLength()
    {
        return windowLength;
    }

    void consumedDataPosition(final long position)
    {
        consumedDataPosition = position;
    }

    private int findReceiverHwmCounter(final int sessionId)
    {
        final int[] found = { CountersReader.NULL_COUNTER_ID };
        countersReader.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId == RECEIVER_HWM_TYPE_ID &&
                keyBuffer.getInt(SESSION_ID_OFFSET) == sessionId &&
                keyBuffer.getInt(STREAM_ID_OFFSET) == TransportContext.DATA_STREAM_ID)
            {
                found[0] = counterId;
            }
        });
        return found[0];
    }

    /**
     * Count data frames this hub reported missing to the peer.
     *
     * @param frames frames reported.
     */
    public void countRepairRequested(final int frames)
    {
        counters[TransportCounter.REPAIR_REQUESTED.ordinal()].getAndAddRelease(frames);
    }

    /**
     * Count data frames resent to the peer on its request.
     *
     * @param frames frames resent.
     */
    public void countRepairResent(final int frames)
    {
        counters[TransportCounter.REPAIR_RESENT.ordinal()].getAndAddRelease(frames);
    }

    ExclusivePublication dataPublication()
    {
        return dataPublication;
    }

    int controlSessionId()
    {
        return controlPublication.sessionId();
    }

    int dataSessionId()
    {
        return dataPublication.sessionId();
    }

    int remoteControlSessionId()
    {
        return remoteKnown ? remoteControlSessionId : 0;
    }

    int remoteDataSessionId()
    {
        return remoteKnown ? remoteDataSessionId : 0;
    }

    boolean isRemoteKnown()
    {
        return remoteKnown;
    }

    boolean isConnected()
    {
        return controlPublication.isConnected() && dataPublication.isConnected();
    }

    /**
     * The peer's trusted identity key, or null when none is configured.
     *
     * @return the key or null.
     */
    PublicKey trustedKey()
    {
        return trustedKey;
    }

    /**
     * This hub's handshake nonce towards the peer.
     *
     * @return nonce, never 0.
     */
    long nonce()
    {
        return nonce;
    }

    /**
     * This hub's raw X25519 public key towards the peer.
     *
     * @return a copy of the key.
     */
    byte[] ephemeralKey()
    {
        return ephemeralKey.clone();
    }

    /**
     * Record the peer's authenticated identity from a Hello or Welcome and derive session keys when it changed.
     *
     * @return true if the peer restarted (a new nonce replaced a known one).
     * @throws GeneralSecurityException if no session keys can be derived from the peer's ephemeral key.
     */
    boolean onRemoteIdentity(
        final long remoteNonce,
        final int controlSessionId,
        final int dataSessionId,
        final byte[] remoteEphemeralKey,
        final long nowNs) throws GeneralSecurityException
    {
        final boolean changed = null == sessionKeys || !remoteKnown || remoteNonce != this.remoteNonce ||
            !Arrays.equals(remoteEphemeralKey, this.remoteEphemeralKey);
        if (changed)
        {
            sessionKeys = SessionKeys.derive(
                hubId, endpoint.id(), nonce, remoteNonce, ephemeral.getPrivate(), remoteEphemeralKey);
            controlSealer =
                new FrameProtector(encryption, sessionKeys.sendControl(), TransportContext.CONTROL_STREAM_ID);
            dataSealer = new FrameProtector(encryption, sessionKeys.sendData(), TransportContext.DATA_STREAM_ID);
            controlOpener =
                new FrameProtector(encryption, sessionKeys.receiveControl(), TransportContext.CONTROL_STREAM_ID);
            dataOpener = new FrameProtector(encryption, sessionKeys.receiveData(), TransportContext.DATA_STREAM_ID);
        }
        final boolean restarted = remoteKnown && remoteNonce != this.remoteNonce;
        this.remoteNonce = remoteNonce;
        this.remoteEphemeralKey = remoteEphemeralKey.clone();
        remoteControlSessionId = controlSessionId;
        remoteDataSessionId = dataSessionId;
        remoteKnown = true;
        receivedHwmCounterId = CountersReader.NULL_COUNTER_ID;
        if (restarted)
        {
            acknowledged = false;
        }
        onHeard(nowNs);
        return restarted;
    }

    void onHeartbeat(final long timestampNs, final long echoTimestampNs, final long echoHoldNs, final long nowNs)
    {
        peerTimestampNs = timestampNs;
        peerTimestampReceivedNs = nowNs;
        if (0 != echoTimestampNs)
        {
            rateController.onRttSample(nowNs - echoTimestampNs - echoHoldNs);
            smoothedRttSnapshot = rateController.smoothedRttNs();
        }
    }

    /**
     * Sealer of data frames to the peer, or null before the session keys are known.
     *
     * @return the protector or null.
     */
    FrameProtector dataSealer()
    {
        return dataSealer;
    }

    /**
     * Opener of the peer's control messages, or null before the session keys are known.
     *
     * @return the protector or null.
     */
    FrameProtector controlOpener()
    {
        return controlOpener;
    }

    /**
     * Opener of the peer's data frames, or null before the session keys are known.
     *
     * @return the protector or null.
     */
    FrameProtector dataOpener()
    {
        return dataOpener;
    }

    /**
     * A session key sealed all the frames it may: draw a new nonce and ephemeral key and run the handshake again,
     * which the peer takes for a restart, so both sides derive new keys and the link goes down and up.
     */
    void rekey()
    {
        newHandshakeKeys();
        sessionKeys = null;
        controlSealer = null;
        dataSealer = null;
        controlOpener = null;
        dataOpener = null;
        acknowledged = false;
    }

    /**
     * Queue a signed Welcome answering the peer's Hello.
     *
     * @param helloNonce nonce of the Hello.
     */
    void sendWelcome(final long helloNonce)
    {
        final int dataSessionId = dataSessionId();
        final byte[] transcript = HandshakeTranscript.build(HandshakeTranscript.WELCOME, hubId, endpoint.id(),
            nonce, helloNonce, dataSessionId, capabilities, ephemeralKey);
        control.welcome(nonce, dataSessionId, helloNonce, capabilities, ephemeralKey,
            identity.sign(transcript, 0, transcript.length), hubId);
    }

    private void sendHello()
    {
        final int dataSessionId = dataSessionId();
        final byte[] transcript = HandshakeTranscript.build(HandshakeTranscript.HELLO, hubId, endpoint.id(),
            nonce, 0, dataSessionId, capabilities, ephemeralKey);
        control.hello(nonce, dataSessionId, capabilities, ephemeralKey, identity.sign(transcript, 0, transcript.length),
            hubId);
    }

    private void newHandshakeKeys()
    {
        long n = 0;
        while (0 == n)
        {
            n = random.nextLong();
        }
        nonce = n;
        ephemeral = SessionKeys.newEphemeral();
        ephemeralKey = SessionKeys.raw(ephemeral.getPublic());
    }

    void onAcknowledged()
    {
        acknowledged = true;
    }

    void onHeard(final long nowNs)
    {
        lastHeardNs = nowNs;
        counters[TransportCounter.CONTROL_RECEIVED.ordinal()].incrementRelease();
    }

    void onDataReceived(final int length)
    {
        counters[TransportCounter.BYTES_RECEIVED.ordinal()].getAndAddRelease(length);
        counters[TransportCounter.FRAMES_RECEIVED.ordinal()].incrementRelease();
    }

    void onCrcDrop()
    {
        counters[TransportCounter.CRC_DROPS.ordinal()].incrementRelease();
    }

    void onDataSent(final int length)
    {
        counters[TransportCounter.BYTES_SENT.ordinal()].getAndAddRelease(length);
        counters[TransportCounter.FRAMES_SENT.ordinal()].incrementRelease();
    }

    void onSendFailure(final long result)
    {
        if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
        {
            counters[TransportCounter.BACK_PRESSURE.ordinal()].incrementRelease();
        }
        else if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
        {
            reopenPublications();
        }
    }

    /**
     * Handshake, heartbeat, liveness and outbox work for one duty cycle.
     *
     * @return +1 when the link came up, -1 when it went down, 0 otherwise; plus work done is not reported.
     */
    int doWork(final long nowNs, final TransportContext ctx)
    {
        final boolean connected = isConnected();
        if (connected && !acknowledged && nowNs - lastHelloNs >= ctx.heartbeatIntervalNs())
        {
            lastHelloNs = nowNs;
            sendHello();
        }

        final long framesSent = counters[TransportCounter.FRAMES_SENT.ordinal()].get();
        if (framesSent != framesSentSeen)
        {
            rateController.onFramesSent(framesSent - framesSentSeen);
            framesSentSeen = framesSent;
            lastFramesSentNs = nowNs;
        }
        // While data flows, heartbeats are round-trip probes every 10 ms; otherwise they only keep the link alive.
        final long probeIntervalNs = nowNs - lastFramesSentNs < ctx.heartbeatIntervalNs() ?
            PROBE_INTERVAL_NS : ctx.heartbeatIntervalNs();
        if (up && nowNs - lastProbeNs >= probeIntervalNs)
        {
            lastProbeNs = nowNs;
            control.heartbeat(nowNs, peerTimestampNs, 0 == peerTimestampNs ? 0 : nowNs - peerTimestampReceivedNs);
        }
        if (rateController.update(nowNs))
        {
            pacer.adaptiveRate(rateController.rateBytesPerSecond(), nowNs);
            rateSnapshot = rateController.rateBytesPerSecond();
        }

        if (!outbox.isEmpty())
        {
            outbox.consume(outboxDrainer, 64);
        }

        final boolean live = remoteKnown && acknowledged && connected && nowNs - lastHeardNs < ctx.peerTimeoutNs();
        if (live != up)
        {
            up = live;
            upSnapshot = live;
            if (!live)
            {
                acknowledged = false;
                outbox.reset(64 * 1024);
                counters[TransportCounter.LINK_DOWNS.ordinal()].incrementRelease();
                return -1;
            }
            counters[TransportCounter.LINK_UPS.ordinal()].incrementRelease();
            return 1;
        }
        return 0;
    }

    void publishHeardTime(final long nowNs, final long epochMs)
    {
        lastHeardEpochMs = epochMs - (nowNs - lastHeardNs) / 1_000_000L;
    }

    private boolean offerControl(final MutableDirectBuffer buffer, final int offset, final int length, final int headOffset)
    {
        final int templateId = buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (templateId == HelloDecoder.TEMPLATE_ID || templateId == WelcomeDecoder.TEMPLATE_ID)
        {
            return offer(buffer, offset, length);
        }
        if (null == controlSealer)
        {
            // Only handshake messages are sent before the session keys exist; anything else is stale, so drop it.
            return true;
        }
        buffer.getBytes(offset, controlMessage, 0, length);
        final int frameLength = controlSealer.seal(controlMessage, length, controlFrame);
        if (frameLength == FrameProtector.EXHAUSTED)
        {
            rekey();
            return false;
        }
        return offer(controlFrameBuffer, 0, frameLength);
    }

    private boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final long result = controlPublication.offer(buffer, offset, length);
        if (result > 0)
        {
            counters[TransportCounter.CONTROL_SENT.ordinal()].incrementRelease();
            return true;
        }
        onSendFailure(result);
        return false;
    }

    private void openPublications()
    {
        controlPublication = aeron.addExclusivePublication(channel, TransportContext.CONTROL_STREAM_ID);
        dataPublication = aeron.addExclusivePublication(channel, TransportContext.DATA_STREAM_ID);
    }

    private void reopenPublications()
    {
        CloseHelper.closeAll(controlPublication, dataPublication);
        openPublications();
        acknowledged = false;
    }

    boolean isChannelErrored()
    {
        return controlPublication.channelStatus() == ChannelEndpointStatus.ERRORED;
    }

    void close()
    {
        CloseHelper.closeAll(controlPublication, dataPublication);
        CloseHelper.closeAll(counters);
    }
}
