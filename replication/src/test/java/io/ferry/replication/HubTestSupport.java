package io.ferry.replication;

import io.ferry.replication.api.TransferView;
import io.ferry.transport.HubIdentity;
import io.ferry.transport.PeerEndpoint;
import io.ferry.transport.TransportContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import java.util.concurrent.TimeUnit;

/**
 * Two hubs in one JVM on loopback, each with its own embedded driver, dataset root "ds" and event log.
 */
abstract class HubTestSupport
{
    @TempDir
    Path tmp;

    protected Hub east;
    protected Hub west;
    /** Chunk length of the hubs created after it is set. */
    protected int hubChunkLength = 1024 * 1024;
    /** MTU of the hubs created after it is set. */
    protected int hubMtu = 8192;

    private final Map<String, HubIdentity> identities = new HashMap<>();

    @AfterEach
    void close()
    {
        if (null != east)
        {
            east.close();
        }
        if (null != west)
        {
            west.close();
        }
    }

    static TransferView awaitTerminal(final Hub hub, final String id, final long seed) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline)
        {
            final TransferView view = hub.transfer(id).orElseThrow();
            if (view.state().isTerminal())
            {
                return view;
            }
            Thread.onSpinWait();
            Thread.sleep(5);
        }
        throw new AssertionError("seed " + seed + ": transfer did not finish: " + hub.transfer(id));
    }

    Hub hub(final String id, final int port, final String peer, final int peerPort) throws IOException
    {
        return hub(id, port, peer, peerPort, null);
    }

    Hub hub(
        final String id, final int port, final String peer, final int peerPort,
        final java.util.function.Consumer<io.aeron.driver.MediaDriver.Context> driverCustomizer) throws IOException
    {
        return hub(id, port, peer, peerPort, driverCustomizer, identity(peer).publicKey(), System.out);
    }

    Hub hub(
        final String id, final int port, final String peer, final int peerPort,
        final java.util.function.Consumer<io.aeron.driver.MediaDriver.Context> driverCustomizer,
        final byte[] trustedPeerKey,
        final OutputStream log) throws IOException
    {
        final Path root = Files.createDirectories(tmp.resolve(id + "-root"));
        final TransportContext transportCtx = new TransportContext()
            .hubId(id)
            .aeronDirectoryName(tmp.resolve(id + "-aeron").toString())
            .listen("127.0.0.1", port)
            .mtu(hubMtu)
            .driverCustomizer(driverCustomizer)
            .identity(identity(id))
            .addPeer(new PeerEndpoint(peer, "127.0.0.1", peerPort, hubMtu, 1_000_000_000L, 1_000_000L));
        if (null != trustedPeerKey)
        {
            transportCtx.peerPublicKey(peer, trustedPeerKey);
        }
        transportCtx.conclude();
        final ReplicationContext ctx = new ReplicationContext()
            .hubId(id)
            .dataDir(Files.createDirectories(tmp.resolve(id + "-data")))
            .chunkLength(hubChunkLength)
            .addDataset("ds", root)
            .conclude();
        return new Hub(ctx, transportCtx, new EventLog(id, new PrintStream(log, true, StandardCharsets.UTF_8)));
    }

    /**
     * The identity of a test hub: a key file written to the temporary directory with mode 0600 and loaded back, the
     * way ferryd loads {@code [hub] identity_key}.
     */
    HubIdentity identity(final String id) throws IOException
    {
        HubIdentity identity = identities.get(id);
        if (null == identity)
        {
            final Path file = tmp.resolve(id + ".key");
            HubIdentity.generate().write(file, false);
            identity = HubIdentity.load(file);
            identities.put(id, identity);
        }
        return identity;
    }

    static byte[] bytes(final Random random, final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static Object inode(final Path path) throws IOException
    {
        return Files.getAttribute(path, "unix:ino");
    }

    static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
