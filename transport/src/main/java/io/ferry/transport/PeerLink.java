package io.ferry.transport;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.AtomicCounter;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * One peer hub: its publications, handshake and liveness state, control outbox and counters.
 * Owned by the transport's agent thread; the snapshot accessors are safe from any thread.
 */
public final class PeerLink
{
    private final PeerEndpoint endpoint;
    private final Aeron aeron;
    private final String channel;
    private final ControlProxy control;
    private final DataPublisher data;
    private final AtomicCounter[] counters = new AtomicCounter[TransportCounter.values().length];
    private final ControlOutbox outbox;

    private final Pacer pacer;
    private final LinkProbe probe;
    private final LinkSession session;
    private final DataStreamPosition dataPosition;
    private final int windowLength;
    private ExclusivePublication controlPublication;
    private ExclusivePublication dataPublication;

    private long remoteNonce;
    private int remoteControlSessionId;
    private int remoteDataSessionId;
    private boolean remoteKnown;
    private boolean acknowledged;
    private boolean up;
    private final PeerHearing hearing;
    private final PingProbes pings;
    private long lastHelloNs;
    private volatile boolean upSnapshot;

    PeerLink(
        final Aeron aeron,
        final PeerEndpoint endpoint,
        final String channel,
        final int publicationWindow,
        final TokenBucket hubBucket,
        final int windowLength,
        final TransportContext ctx,
        final SecureRandom random,
        final long nowNs)
    {
        this.aeron = aeron;
        this.session = new LinkSession(ctx, endpoint.id(), random);
        this.dataPosition = new DataStreamPosition(aeron.countersReader());
        this.outbox = new ControlOutbox(this, session);
        this.control = new ControlProxy(outbox.messages(), endpoint.mtu());
        this.windowLength = windowLength;
        this.endpoint = endpoint;
        this.channel = channel;
        this.data = new DataPublisher(this, publicationWindow);
        for (final TransportCounter counter : TransportCounter.values())
        {
            counters[counter.ordinal()] = aeron.addCounter(
                counter.typeId(), counter.metricName() + " peer=" + endpoint.id());
        }
        pacer = new Pacer(endpoint.bandwidthBitsPerSecond(), endpoint.mtu(), hubBucket,
            counters[TransportCounter.PACING_WAITS.ordinal()], nowNs);
        probe = new LinkProbe(pacer.configuredBytesPerSecond(),
            counters[TransportCounter.RATE_DECREASES_DELAY.ordinal()],
            counters[TransportCounter.RATE_DECREASES_LOSS.ordinal()], nowNs);
        hearing = new PeerHearing(endpoint.rttNs(), ctx.heartbeatIntervalNs());
        pings = new PingProbes(control, counters[TransportCounter.PONGS_UNMATCHED.ordinal()],
            counters[TransportCounter.PINGS_UNANSWERED.ordinal()]);
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
        return hearing.lastHeardEpochMs();
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

    /** Bytes waiting in the control outbox. */
    int controlBacklog()
    {
        return outbox.size();
    }

    /**
     * Count data frames the peer reported missing for the first time: a loss signal for the adaptive rate.
     *
     * @param frames frames reported and not already queued for resending.
     */
    public void onPeerReportedMissing(final int frames)
    {
        probe.onPeerReportedMissing(frames);
    }

    /**
     * Adaptive send rate as last decided by the agent thread.
     *
     * @return bytes per second.
     */
    public long rateSnapshot()
    {
        return probe.rateSnapshot();
    }

    /**
     * Smoothed round-trip time as last measured by the agent thread.
     *
     * @return nanoseconds, 0 before any sample.
     */
    public long smoothedRttSnapshot()
    {
        return probe.smoothedRttSnapshot();
    }

    /**
     * Stream position up to which this hub has consumed the peer's data stream.
     *
     * @return position in bytes.
     */
    public long consumedDataPosition()
    {
        return dataPosition.consumed();
    }

    /**
     * Highest position of the peer's data stream the media driver has received (its {@code rcv-hwm} counter): data
     * the peer sends from now on lands beyond it. Agent thread only.
     *
     * @return position in bytes, or -1 if the driver has no image of the peer's data stream yet.
     */
    public long receivedDataPosition()
    {
        return remoteKnown ? dataPosition.received(remoteDataSessionId) : -1;
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
        dataPosition.consumed(position);
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
     * Count a data frame from the peer that the replication layer did not use.
     */
    public void countDataDiscarded()
    {
        counters[TransportCounter.DATA_DISCARDED.ordinal()].incrementRelease();
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

    PublicKey trustedKey()
    {
        return session.trustedKey();
    }

    long nonce()
    {
        return session.nonce();
    }

    byte[] ephemeralKey()
    {
        return session.ephemeralKey();
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
        session.onRemoteKeys(remoteNonce, remoteEphemeralKey);
        final boolean restarted = remoteKnown && remoteNonce != this.remoteNonce;
        this.remoteNonce = remoteNonce;
        remoteControlSessionId = controlSessionId;
        remoteDataSessionId = dataSessionId;
        remoteKnown = true;
        dataPosition.reset();
        if (restarted)
        {
            acknowledged = false;
        }
        onHeard(nowNs);
        return restarted;
    }

    PingProbes pings()
    {
        return pings;
    }

    void onHeartbeat(final long timestampNs, final long echoTimestampNs, final long echoHoldNs, final long nowNs)
    {
        probe.onHeartbeat(timestampNs, echoTimestampNs, echoHoldNs, nowNs);
    }

    FrameProtector dataSealer()
    {
        return session.dataSealer();
    }

    FrameProtector controlOpener()
    {
        return session.controlOpener();
    }

    FrameProtector dataOpener()
    {
        return session.dataOpener();
    }

    /**
     * A session key sealed all the frames it may: draw a new nonce and ephemeral key and run the handshake again,
     * which the peer takes for a restart, so both sides derive new keys and the link goes down and up.
     */
    void rekey()
    {
        session.reset();
        acknowledged = false;
    }

    /**
     * Queue a signed Welcome answering the peer's Hello.
     *
     * @param helloNonce nonce of the Hello.
     */
    void sendWelcome(final long helloNonce)
    {
        session.sendWelcome(control, dataSessionId(), helloNonce);
    }

    void onAcknowledged()
    {
        acknowledged = true;
    }

    boolean isPeerSilent()
    {
        return hearing.isSilent();
    }

    void onHeard(final long nowNs)
    {
        hearing.onHeard(nowNs);
        counters[TransportCounter.CONTROL_RECEIVED.ordinal()].incrementRelease();
    }

    /**
     * Add to one of this link's counters (agent thread; readers see it with release semantics).
     */
    void count(final TransportCounter counter, final long delta)
    {
        counters[counter.ordinal()].getAndAddRelease(delta);
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
            session.sendHello(control, dataSessionId());
        }

        probe.doWork(nowNs, counters[TransportCounter.FRAMES_SENT.ordinal()].get(),
            counters[TransportCounter.FRAMES_RECEIVED.ordinal()].get(), up, ctx.heartbeatIntervalNs(),
            control, pacer);

        outbox.drain(64);

        final boolean heard = hearing.heardWithin(nowNs, ctx.peerTimeoutNs());
        final boolean live = remoteKnown && acknowledged && connected && heard;
        if (live != up)
        {
            up = live;
            upSnapshot = live;
            if (!live)
            {
                acknowledged = false;
                outbox.clear();
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
        hearing.publish(nowNs, epochMs);
    }

    ExclusivePublication controlPublication()
    {
        return controlPublication;
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

    void close()
    {
        CloseHelper.closeAll(controlPublication, dataPublication);
        CloseHelper.closeAll(counters);
    }
}
