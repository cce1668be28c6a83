package io.ferry.transport;

import io.aeron.driver.MediaDriver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Settings of a hub's transport; {@link #conclude()} validates them once and fills defaults.
 */
public final class TransportContext
{
    /** Stream carrying handshake, offers, acks and commits (reliable). */
    public static final int CONTROL_STREAM_ID = 10;
    /** Stream carrying data frames. */
    public static final int DATA_STREAM_ID = 20;
    /** Default MTU: fits an Ethernet frame with IP/UDP headers. */
    public static final int DEFAULT_MTU = 1408;
    /** Default interval between heartbeats on a quiet link. */
    public static final long DEFAULT_HEARTBEAT_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Default time without any message after which a peer counts as down. */
    public static final long DEFAULT_PEER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private String hubId;
    private String aeronDirectoryName;
    private boolean embeddedDriver = true;
    private String listenHost;
    private int listenPort;
    private int mtu = DEFAULT_MTU;
    private int termLength;
    private long bandwidthBitsPerSecond;
    private long heartbeatIntervalNs = DEFAULT_HEARTBEAT_INTERVAL_NS;
    private long peerTimeoutNs = DEFAULT_PEER_TIMEOUT_NS;
    private final List<PeerEndpoint> peers = new ArrayList<>();
    private final Map<String, byte[]> peerPublicKeys = new HashMap<>();
    private HubIdentity identity;
    private Encryption encryption = Encryption.AES_256_GCM;
    private Consumer<MediaDriver.Context> driverCustomizer;
    private boolean concluded;

    /**
     * Validate settings and fill defaults; call once before use.
     *
     * @return this.
     */
    public TransportContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("TransportContext already concluded");
        }
        Objects.requireNonNull(hubId, "hubId");
        Objects.requireNonNull(aeronDirectoryName, "aeronDirectoryName");
        Objects.requireNonNull(listenHost, "listenHost");
        Objects.requireNonNull(identity, "identity: every link is authenticated, so a hub needs an identity key");
        Objects.requireNonNull(encryption, "encryption");
        if (listenPort <= 0 || listenPort > 65535)
        {
            throw new IllegalArgumentException("listenPort out of range: " + listenPort);
        }
        if (mtu < 1024 || mtu > 65504 || (mtu & 31) != 0)
        {
            throw new IllegalArgumentException("mtu must be a multiple of 32 between 1024 and 65504: " + mtu);
        }
        for (final PeerEndpoint peer : peers)
        {
            if (peer.id().equals(hubId))
            {
                throw new IllegalArgumentException("peer id equals hub id: " + hubId);
            }
        }
        concluded = true;
        return this;
    }

    /**
     * This hub's id, sent in the handshake.
     *
     * @param hubId hub id.
     * @return this.
     */
    public TransportContext hubId(final String hubId)
    {
        this.hubId = hubId;
        return this;
    }

    /**
     * This hub's id.
     *
     * @return hub id.
     */
    public String hubId()
    {
        return hubId;
    }

    /**
     * Aeron directory of this hub's media driver; each daemon needs its own.
     *
     * @param aeronDirectoryName directory path.
     * @return this.
     */
    public TransportContext aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    /**
     * Aeron directory of this hub's media driver.
     *
     * @return directory path.
     */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /**
     * Whether ferry starts its own media driver (true) or connects to an external one.
     *
     * @param embeddedDriver true to embed.
     * @return this.
     */
    public TransportContext embeddedDriver(final boolean embeddedDriver)
    {
        this.embeddedDriver = embeddedDriver;
        return this;
    }

    /**
     * Whether ferry starts its own media driver.
     *
     * @return true to embed.
     */
    public boolean embeddedDriver()
    {
        return embeddedDriver;
    }

    /**
     * Local UDP address peers send to.
     *
     * @param host interface address or name.
     * @param port UDP port.
     * @return this.
     */
    public TransportContext listen(final String host, final int port)
    {
        this.listenHost = host;
        this.listenPort = port;
        return this;
    }

    /**
     * Local UDP host.
     *
     * @return host.
     */
    public String listenHost()
    {
        return listenHost;
    }

    /**
     * Local UDP port.
     *
     * @return port.
     */
    public int listenPort()
    {
        return listenPort;
    }

    /**
     * Default MTU for links whose peer sets none.
     *
     * @param mtu bytes, a multiple of 32.
     * @return this.
     */
    public TransportContext mtu(final int mtu)
    {
        this.mtu = mtu;
        return this;
    }

    /**
     * Default MTU.
     *
     * @return bytes.
     */
    public int mtu()
    {
        return mtu;
    }

    /**
     * Term length for all publications, or 0 to derive it per link from bandwidth and RTT.
     *
     * @param termLength bytes, a power of two, or 0.
     * @return this.
     */
    public TransportContext termLength(final int termLength)
    {
        this.termLength = termLength;
        return this;
    }

    /**
     * Configured term length, 0 when derived.
     *
     * @return bytes or 0.
     */
    public int termLength()
    {
        return termLength;
    }

    /**
     * Cap on everything this hub sends, across peers; 0 for none.
     *
     * @param bandwidthBitsPerSecond rate in bits per second.
     * @return this.
     */
    public TransportContext bandwidthBitsPerSecond(final long bandwidthBitsPerSecond)
    {
        this.bandwidthBitsPerSecond = bandwidthBitsPerSecond;
        return this;
    }

    /**
     * Hub-wide send cap, 0 for none.
     *
     * @return bits per second.
     */
    public long bandwidthBitsPerSecond()
    {
        return bandwidthBitsPerSecond;
    }

    /**
     * Interval between heartbeats on a quiet link.
     *
     * @param heartbeatIntervalNs nanoseconds.
     * @return this.
     */
    public TransportContext heartbeatIntervalNs(final long heartbeatIntervalNs)
    {
        this.heartbeatIntervalNs = heartbeatIntervalNs;
        return this;
    }

    /**
     * Interval between heartbeats.
     *
     * @return nanoseconds.
     */
    public long heartbeatIntervalNs()
    {
        return heartbeatIntervalNs;
    }

    /**
     * Silence after which a peer counts as down.
     *
     * @param peerTimeoutNs nanoseconds.
     * @return this.
     */
    public TransportContext peerTimeoutNs(final long peerTimeoutNs)
    {
        this.peerTimeoutNs = peerTimeoutNs;
        return this;
    }

    /**
     * Silence after which a peer counts as down.
     *
     * @return nanoseconds.
     */
    public long peerTimeoutNs()
    {
        return peerTimeoutNs;
    }

    /**
     * Last say over the embedded driver's context: the seam through which tests inject loss
     * (e.g. {@code receiveChannelEndpointSupplier}); production leaves it unset.
     *
     * @param driverCustomizer callback applied before the driver launches.
     * @return this.
     */
    public TransportContext driverCustomizer(final Consumer<MediaDriver.Context> driverCustomizer)
    {
        this.driverCustomizer = driverCustomizer;
        return this;
    }

    /**
     * Customizer of the embedded driver's context, or null.
     *
     * @return the callback or null.
     */
    public Consumer<MediaDriver.Context> driverCustomizer()
    {
        return driverCustomizer;
    }

    /**
     * This hub's identity key, which signs its handshakes; required.
     *
     * @param identity the identity.
     * @return this.
     */
    public TransportContext identity(final HubIdentity identity)
    {
        this.identity = identity;
        return this;
    }

    /**
     * This hub's identity key.
     *
     * @return the identity.
     */
    public HubIdentity identity()
    {
        return identity;
    }

    /**
     * Trust a peer's Ed25519 public key; a peer without one is refused at the handshake.
     *
     * @param peerId    the peer's hub id.
     * @param publicKey raw 32-byte public key, as {@code ferry keygen} prints it in base64.
     * @return this.
     */
    public TransportContext peerPublicKey(final String peerId, final byte[] publicKey)
    {
        HubIdentity.publicKey(publicKey);
        peerPublicKeys.put(peerId, publicKey.clone());
        return this;
    }

    /**
     * The trusted public key of a peer.
     *
     * @param peerId the peer's hub id.
     * @return raw 32-byte key, or null if none is configured.
     */
    public byte[] peerPublicKey(final String peerId)
    {
        final byte[] key = peerPublicKeys.get(peerId);
        return null == key ? null : key.clone();
    }

    /**
     * How frames after the handshake are protected; both hubs of a link must agree.
     *
     * @param encryption the mode, {@link Encryption#AES_256_GCM} unless set.
     * @return this.
     */
    public TransportContext encryption(final Encryption encryption)
    {
        this.encryption = encryption;
        return this;
    }

    /**
     * How frames after the handshake are protected.
     *
     * @return the mode.
     */
    public Encryption encryption()
    {
        return encryption;
    }

    /**
     * Add a peer hub.
     *
     * @param peer the peer.
     * @return this.
     */
    public TransportContext addPeer(final PeerEndpoint peer)
    {
        peers.add(peer);
        return this;
    }

    /**
     * Configured peers.
     *
     * @return peers in configuration order.
     */
    public List<PeerEndpoint> peers()
    {
        return peers;
    }
}
