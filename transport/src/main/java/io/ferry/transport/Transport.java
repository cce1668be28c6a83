package io.ferry.transport;

import io.ferry.codec.HelloDecoder;
import io.ferry.codec.WelcomeDecoder;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hub's transport: media driver (embedded or external), Aeron client, inbound subscriptions and one
 * {@link PeerLink} per configured peer. All methods except the snapshot accessors run on one agent thread.
 */
public final class Transport implements AutoCloseable
{
    private static final int CONTROL_FRAGMENT_LIMIT = 32;
    private static final int DATA_FRAGMENT_LIMIT = 128;
    /** Hub ids whose refused handshakes are logged; beyond this they are only counted. */
    private static final int MAX_LOGGED_HUBS = 16;

    private final TransportContext ctx;
    private final ErrorHandler errorHandler;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final Subscription controlSubscription;
    private final Subscription dataSubscription;
    private final List<PeerLink> links = new ArrayList<>();
    private final Map<String, PeerLink> linksById = new HashMap<>();
    private final Int2ObjectHashMap<PeerLink> linksByControlSession = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<PeerLink> linksByDataSession = new Int2ObjectHashMap<>();
    private final TransportDrops drops = new TransportDrops();
    private final ControlAdapter controlAdapter;
    private final FragmentAssembler controlAssembler;
    private final DataAdapter dataAdapter;
    private final EpochClock epochClock = SystemEpochClock.INSTANCE;
    private final NanoClock probeClock = SystemNanoClock.INSTANCE;
    private final Set<String> loggedUnknownPeers = new HashSet<>();
    private final Set<String> loggedUnauthorizedPeers = new HashSet<>();
    private final int windowLength;
    private TransportListener listener;

    /**
     * Start the transport: launch or connect to the driver, subscribe, and open a link to every peer.
     *
     * @param ctx          concluded context.
     * @param errorHandler where driver and client errors go.
     */
    public Transport(final TransportContext ctx, final ErrorHandler errorHandler)
    {
        this.ctx = ctx;
        this.errorHandler = errorHandler;
        final SecureRandom random = new SecureRandom();

        int maxMtu = ctx.mtu();
        int wantedWindow = LinkTuning.MIN_WINDOW_LENGTH;
        for (final PeerEndpoint peer : ctx.peers())
        {
            maxMtu = Math.max(maxMtu, peer.mtu());
            wantedWindow = Math.max(
                wantedWindow, LinkTuning.wantedWindowLength(peer.bandwidthBitsPerSecond(), peer.rttNs()));
        }
        windowLength = LinkTuning.windowLength(wantedWindow, LinkTuning.socketReceiveBufferMax());

        driver = ctx.embeddedDriver() ?
            EmbeddedDriver.launch(ctx.aeronDirectoryName(), maxMtu, errorHandler, ctx.driverCustomizer()) : null;
        try
        {
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(ctx.aeronDirectoryName())
                .errorHandler(errorHandler));
            final String listenEndpoint = endpoint(ctx.listenHost(), ctx.listenPort());
            // The kernel charges each datagram's overhead to the socket buffer, so a buffer only as large as the
            // window overflows on a burst: give it twice the window where rmem_max allows.
            final int socketBufferLength = (int)Math.min(LinkTuning.socketReceiveBufferMax(), 2L * windowLength);
            final String subscriptionChannel = "aeron:udp?endpoint=" + listenEndpoint +
                "|rcv-wnd=" + windowLength + "|so-rcvbuf=" + socketBufferLength;
            controlSubscription = aeron.addSubscription(subscriptionChannel, TransportContext.CONTROL_STREAM_ID);
            // Data runs unreliable: a gap is padded at once instead of stalling the stream behind one NAK per RTT,
            // and ferry's own selective repair (ResendRequest) fills it. See docs/tuning.md.
            dataSubscription = aeron.addSubscription(
                subscriptionChannel + "|reliable=false", TransportContext.DATA_STREAM_ID);
            final long nowNs = System.nanoTime();
            final TokenBucket hubBucket = Pacer.newHubBucket(ctx.bandwidthBitsPerSecond(), maxMtu, nowNs);
            for (final PeerEndpoint peer : ctx.peers())
            {
                final PeerLink link = new PeerLink(aeron, peer, publicationChannel(peer), publicationWindow(peer),
                    hubBucket, windowLength, ctx, random, nowNs);
                links.add(link);
                linksById.put(peer.id(), link);
            }
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw ex;
        }

        controlAdapter = new ControlAdapter(this, drops, SystemNanoClock.INSTANCE);
        controlAssembler = new FragmentAssembler(controlAdapter);
        dataAdapter = new DataAdapter(this, drops);
    }

    /**
     * Set who receives link events, control messages and data; call before the first {@link #doWork}.
     *
     * @param listener the listener.
     */
    public void listener(final TransportListener listener)
    {
        this.listener = listener;
        controlAdapter.listener(listener);
        dataAdapter.listener(listener);
    }

    /**
     * One duty cycle: poll control and data, run handshakes, heartbeats and liveness, drain control outboxes.
     *
     * @param nowNs current time from a nano clock.
     * @return work count, 0 when idle.
     */
    public int doWork(final long nowNs)
    {
        controlAdapter.nowNs(nowNs);
        int work = controlSubscription.poll(controlAssembler, CONTROL_FRAGMENT_LIMIT);
        work += dataSubscription.poll(dataAdapter, DATA_FRAGMENT_LIMIT);

        final long epochMs = epochClock.time();
        for (int i = 0, size = links.size(); i < size; i++)
        {
            final PeerLink link = links.get(i);
            final int change = link.doWork(nowNs, ctx);
            if (change > 0)
            {
                listener.onPeerUp(link);
                work++;
            }
            else if (change < 0)
            {
                listener.onPeerDown(link);
                work++;
            }
            if (link.isRemoteKnown())
            {
                link.publishHeardTime(nowNs, epochMs);
            }
        }
        return work;
    }

    /**
     * Measure a round trip through the control path: queue a sealed {@code Ping} carrying the payload to a peer,
     * which answers with a {@code Pong} echoing it; {@link TransportListener#onPong} reports it with the round trip.
     * The ping leaves in the next {@link #doWork}. A new ping replaces one still waiting for its pong.
     *
     * @param hubId   peer id.
     * @param payload bytes to carry and get back.
     * @param offset  offset of the payload in {@code payload}.
     * @param length  payload length, at most the link's {@link ControlProxy#maxProbePayloadLength()}.
     * @return the probe id (positive), or {@link PingResult#UNKNOWN_PEER}, {@link PingResult#LINK_DOWN},
     * {@link PingResult#PAYLOAD_TOO_LONG} or {@link PingResult#OUTBOX_FULL}.
     */
    public long ping(final String hubId, final DirectBuffer payload, final int offset, final int length)
    {
        final PeerLink link = linksById.get(hubId);
        if (null == link)
        {
            return PingResult.UNKNOWN_PEER;
        }
        return link.pings().ping(link.isUp(), payload, offset, length, probeClock.nanoTime());
    }

    /**
     * Links in configuration order.
     *
     * @return unmodifiable list.
     */
    public List<PeerLink> links()
    {
        return Collections.unmodifiableList(links);
    }

    /**
     * Link to a peer by hub id.
     *
     * @param hubId peer id.
     * @return the link or null.
     */
    public PeerLink link(final String hubId)
    {
        return linksById.get(hubId);
    }

    /**
     * Inbound messages dropped before reaching the listener.
     *
     * @return drop counts.
     */
    public TransportDrops drops()
    {
        return drops;
    }

    /**
     * Receiver window in use on this hub's subscriptions.
     *
     * @return bytes.
     */
    public int windowLength()
    {
        return windowLength;
    }

    /**
     * The Aeron client, for counters and diagnostics.
     *
     * @return client.
     */
    public Aeron aeron()
    {
        return aeron;
    }

    long probeTimeNs()
    {
        return probeClock.nanoTime();
    }

    PeerLink linkByControlSession(final int sessionId)
    {
        return linksByControlSession.get(sessionId);
    }

    PeerLink linkByDataSession(final int sessionId)
    {
        return linksByDataSession.get(sessionId);
    }

    void onHello(final int sessionId, final HelloDecoder hello, final long nowNs)
    {
        final long helloNonce = hello.nonce();
        final int dataSessionId = hello.dataSessionId();
        final long capabilities = hello.capabilities();
        final byte[] ephemeralKey = new byte[SessionKeys.EPHEMERAL_KEY_LENGTH];
        final byte[] signature = new byte[HubIdentity.SIGNATURE_LENGTH];
        hello.getEphemeralKey(ephemeralKey, 0, ephemeralKey.length);
        hello.getSignature(signature, 0, signature.length);
        final String hubId = hello.hubId();

        final PeerLink link = authenticate(
            HandshakeTranscript.HELLO, hubId, helloNonce, 0, dataSessionId, capabilities, ephemeralKey, signature);
        if (null != link && identify(link, sessionId, helloNonce, dataSessionId, ephemeralKey, nowNs))
        {
            link.sendWelcome(helloNonce);
        }
    }

    void onWelcome(final int sessionId, final WelcomeDecoder welcome, final long nowNs)
    {
        final long remoteNonce = welcome.nonce();
        final int dataSessionId = welcome.dataSessionId();
        final long helloNonce = welcome.helloNonce();
        final long capabilities = welcome.capabilities();
        final byte[] ephemeralKey = new byte[SessionKeys.EPHEMERAL_KEY_LENGTH];
        final byte[] signature = new byte[HubIdentity.SIGNATURE_LENGTH];
        welcome.getEphemeralKey(ephemeralKey, 0, ephemeralKey.length);
        welcome.getSignature(signature, 0, signature.length);
        final String hubId = welcome.hubId();

        final PeerLink link = authenticate(HandshakeTranscript.WELCOME, hubId, remoteNonce, helloNonce, dataSessionId,
            capabilities, ephemeralKey, signature);
        if (null != link && identify(link, sessionId, remoteNonce, dataSessionId, ephemeralKey, nowNs) &&
            helloNonce == link.nonce())
        {
            link.onAcknowledged();
        }
    }

    /**
     * Find the link of a handshake's sender and check that the sender proves the identity configured for it.
     */
    private PeerLink authenticate(
        final String label,
        final String hubId,
        final long remoteNonce,
        final long helloNonce,
        final int dataSessionId,
        final long capabilities,
        final byte[] ephemeralKey,
        final byte[] signature)
    {
        final PeerLink link = linksById.get(hubId);
        if (null == link)
        {
            drops.unknownPeer();
            if (loggedUnknownPeers.size() < MAX_LOGGED_HUBS && loggedUnknownPeers.add(hubId))
            {
                errorHandler.onError(new IllegalStateException(
                    "handshake from hub '" + hubId + "' which is not a configured peer: dropped"));
            }
            return null;
        }

        final String refusal;
        if (null == link.trustedKey())
        {
            refusal = "no public_key is configured for it (add the public key ferry keygen printed on " + hubId +
                " to its [[peer]] table)";
        }
        else if (capabilities != ctx.encryption().capability())
        {
            refusal = "its encryption setting differs from this hub's \"" + ctx.encryption().configName() +
                "\" (set [transport] encryption the same on both hubs)";
        }
        else
        {
            final byte[] transcript = HandshakeTranscript.build(
                label, hubId, ctx.hubId(), remoteNonce, helloNonce, dataSessionId, capabilities, ephemeralKey);
            refusal = HubIdentity.verify(link.trustedKey(), transcript, 0, transcript.length, signature, 0) ?
                null : "its signature does not verify with the configured public_key (check [[peer]] " + hubId +
                " public_key against ferry keygen's output on that hub)";
        }
        if (null != refusal)
        {
            notAuthorized(hubId, refusal);
            return null;
        }
        return link;
    }

    private boolean identify(
        final PeerLink link,
        final int controlSessionId,
        final long remoteNonce,
        final int dataSessionId,
        final byte[] ephemeralKey,
        final long nowNs)
    {
        linksByControlSession.remove(link.remoteControlSessionId());
        linksByDataSession.remove(link.remoteDataSessionId());
        try
        {
            link.onRemoteIdentity(remoteNonce, controlSessionId, dataSessionId, ephemeralKey, nowNs);
        }
        catch (final GeneralSecurityException ex)
        {
            notAuthorized(link.id(), "no session keys can be derived from its ephemeral key (" + ex.getMessage() + ")");
            return false;
        }
        linksByControlSession.put(controlSessionId, link);
        linksByDataSession.put(dataSessionId, link);
        return true;
    }

    private void notAuthorized(final String hubId, final String reason)
    {
        drops.notAuthorized();
        if (loggedUnauthorizedPeers.size() < MAX_LOGGED_HUBS && loggedUnauthorizedPeers.add(hubId))
        {
            errorHandler.onError(new SecurityException(
                "handshake from hub '" + hubId + "' refused: " + reason + "; further refusals are only counted"));
        }
    }

    private static int peerWindow(final PeerEndpoint peer)
    {
        return LinkTuning.windowLength(
            LinkTuning.wantedWindowLength(peer.bandwidthBitsPerSecond(), peer.rttNs()),
            LinkTuning.socketReceiveBufferMax());
    }

    /**
     * How far the publisher may run ahead of what the driver has sent ({@code pub-wnd}): without it up to half a
     * term queues in front of any resend, and a driver that stalled sends all it holds at once into the path.
     */
    private static int publicationWindow(final PeerEndpoint peer)
    {
        return LinkTuning.publicationWindowLength(peer.bandwidthBitsPerSecond(), peerWindow(peer), peer.mtu());
    }

    private String publicationChannel(final PeerEndpoint peer)
    {
        final int termLength = ctx.termLength() > 0 ? ctx.termLength() : LinkTuning.termLength(peerWindow(peer));
        return "aeron:udp?endpoint=" + peer.endpoint() + "|mtu=" + peer.mtu() + "|term-length=" + termLength +
            "|pub-wnd=" + publicationWindow(peer);
    }

    private static String endpoint(final String host, final int port)
    {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Close links, subscriptions, the client and an embedded driver.
     */
    public void close()
    {
        for (final PeerLink link : links)
        {
            link.close();
        }
        CloseHelper.closeAll(controlSubscription, dataSubscription, aeron, driver);
    }
}
