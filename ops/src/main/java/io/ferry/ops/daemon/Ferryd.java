package io.ferry.ops.daemon;

import io.ferry.ops.api.ApiServer;
import io.ferry.ops.config.ApiConfig;
import io.ferry.ops.config.DatasetConfig;
import io.ferry.ops.config.FerryConfig;
import io.ferry.ops.config.PeerConfig;
import io.ferry.ops.config.TransportConfig;
import io.ferry.ops.config.Units;
import io.ferry.replication.EventLog;
import io.ferry.replication.Hub;
import io.ferry.replication.ReplicationContext;
import io.ferry.transport.Encryption;
import io.ferry.transport.HubIdentity;
import io.ferry.transport.LinkTuning;
import io.ferry.transport.PeerEndpoint;
import io.ferry.transport.TransportContext;

import org.agrona.CloseHelper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;

/**
 * A running ferryd: the hub built from a validated configuration, and its HTTP API.
 */
public final class Ferryd implements AutoCloseable
{
    private final Hub hub;
    private final ApiServer api;
    private final EventLog log;

    private Ferryd(final Hub hub, final ApiServer api, final EventLog log)
    {
        this.hub = hub;
        this.api = api;
        this.log = log;
    }

    /**
     * Start a hub and its API from a configuration that {@code ConfigLoader.load} accepted.
     *
     * @param config validated configuration.
     * @param logOut where the event log goes.
     * @return the running daemon.
     * @throws IOException if the token file, TLS certificate or key cannot be read, or the API cannot bind.
     */
    public static Ferryd start(final FerryConfig config, final PrintStream logOut) throws IOException
    {
        final EventLog log = new EventLog(config.hub().id(), logOut);
        final byte[] token = Files.readString(config.api().tokenFile(), StandardCharsets.UTF_8).trim()
            .getBytes(StandardCharsets.UTF_8);
        warnAboutSocketBufferCaps(config, log);

        final ApiConfig apiConfig = config.api();
        final Hub hub = new Hub(replicationContext(config), transportContext(config), log);
        final ApiServer api;
        try
        {
            final ApiServer server = new ApiServer(apiConfig.listenHost(), apiConfig.listenPort(), token, hub)
                .extraMetrics(new TransportMetrics(hub.transport()))
                .errorHandler(ex -> log.error("api", ex));
            if (apiConfig.tls())
            {
                server.tls(apiConfig.tlsCertFile(), apiConfig.tlsKeyFile());
            }
            api = server.start();
        }
        catch (final IOException | RuntimeException ex)
        {
            hub.close();
            throw ex;
        }
        log.info("API listening on " + (apiConfig.tls() ? "https" : "http") + "://" + apiConfig.listenHost() + ":" +
            api.port());
        return new Ferryd(hub, api, log);
    }

    /**
     * The hub, for tests and diagnostics.
     *
     * @return hub.
     */
    public Hub hub()
    {
        return hub;
    }

    /**
     * Port the API listens on.
     *
     * @return TCP port.
     */
    public int apiPort()
    {
        return api.port();
    }

    /**
     * Stop the API first so no new work arrives, then the hub.
     */
    public void close()
    {
        log.info("shutting down");
        CloseHelper.closeAll(api, hub);
    }

    static TransportContext transportContext(final FerryConfig config) throws IOException
    {
        final TransportConfig transport = config.transport();
        final TransportContext ctx = new TransportContext()
            .hubId(config.hub().id())
            .aeronDirectoryName(transport.aeronDir().toString())
            .embeddedDriver(!transport.externalDriver())
            .listen(transport.listenHost(), transport.listenPort())
            .mtu(transport.mtu())
            .termLength(transport.termLength())
            .bandwidthBitsPerSecond(transport.bandwidthBitsPerSecond())
            .encryption(Encryption.fromConfigName(transport.encryption()));
        if (null != config.hub().identityKey())
        {
            ctx.identity(HubIdentity.load(config.hub().identityKey()));
        }
        for (final PeerConfig peer : config.peers())
        {
            if (null != peer.publicKey())
            {
                ctx.peerPublicKey(peer.id(), Base64.getDecoder().decode(peer.publicKey()));
            }
            ctx.addPeer(new PeerEndpoint(peer.id(), peer.host(), peer.port(), peer.mtu(),
                peer.bandwidthBitsPerSecond(), peer.rttNs()));
        }
        return ctx.conclude();
    }

    static ReplicationContext replicationContext(final FerryConfig config)
    {
        final ReplicationContext ctx = new ReplicationContext()
            .hubId(config.hub().id())
            .dataDir(config.hub().dataDir());
        if (config.hub().hashThreads() > 0)
        {
            ctx.hashThreads(config.hub().hashThreads());
        }
        for (final DatasetConfig dataset : config.datasets())
        {
            ctx.addDataset(dataset.name(), dataset.root(), dataset.retain())
                .supersedeCheckpoints(dataset.name(), dataset.supersede());
        }
        return ctx.conclude();
    }

    private static void warnAboutSocketBufferCaps(final FerryConfig config, final EventLog log)
    {
        final int rmemMax = LinkTuning.socketReceiveBufferMax();
        for (final PeerConfig peer : config.peers())
        {
            final int wanted = LinkTuning.wantedWindowLength(peer.bandwidthBitsPerSecond(), peer.rttNs());
            if (wanted > rmemMax)
            {
                log.warn("peer " + peer.id() + ": " + Units.formatBitsPerSecond(peer.bandwidthBitsPerSecond()) +
                    " at " + (peer.rttNs() / 1_000_000.0) + " ms RTT wants a " + Units.formatBytes(wanted) +
                    " receiver window but net.core.rmem_max caps it at " + Units.formatBytes(rmemMax) +
                    "; raise it with: sysctl -w net.core.rmem_max=" + wanted + " net.core.wmem_max=" + wanted);
                return;
            }
        }
    }
}
