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
import java.util.List;
import java.util.Random;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Two hubs in one JVM on loopback, each with its own embedded driver, dataset root "ds" and event log.
 */
abstract class HubTestSupport
{
    /** Deadline of every wait: generous, because the test machine is shared and loopback slows down under load. */
    static final long AWAIT_SECONDS = 120;

    @TempDir
    Path tmp;

    protected Hub east;
    protected Hub west;
    protected Hub north;
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
        if (null != north)
        {
            north.close();
        }
    }

    static TransferView awaitTerminal(final Hub hub, final String id, final long seed) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
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
        final TransportContext transportCtx = loopbackTransport(id, port)
            .driverCustomizer(driverCustomizer)
            .addPeer(new PeerEndpoint(peer, "127.0.0.1", peerPort, hubMtu, 1_000_000_000L, 1_000_000L));
        if (null != trustedPeerKey)
        {
            transportCtx.peerPublicKey(peer, trustedPeerKey);
        }
        transportCtx.conclude();
        return new Hub(replication(id).conclude(), transportCtx,
            new EventLog(id, new PrintStream(log, true, StandardCharsets.UTF_8)));
    }

    private TransportContext loopbackTransport(final String id, final int port) throws IOException
    {
        return new TransportContext()
            .hubId(id)
            .aeronDirectoryName(tmp.resolve(id + "-aeron").toString())
            .listen("127.0.0.1", port)
            .mtu(hubMtu)
            .identity(identity(id));
    }

    private ReplicationContext replication(final String id) throws IOException
    {
        return new ReplicationContext()
            .hubId(id)
            .dataDir(Files.createDirectories(tmp.resolve(id + "-data")))
            .chunkLength(hubChunkLength)
            .addDataset("ds", Files.createDirectories(tmp.resolve(id + "-root")));
    }

    /**
     * A hub whose peers are the given hubs on loopback (all trusted), every link paced at {@code bitsPerSecond}.
     *
     * @param id            hub id; its dataset "ds" lives in {@code <tmp>/<id>-root}.
     * @param port          UDP port of this hub.
     * @param bitsPerSecond bandwidth of each peer link.
     * @param peerPorts     peer hub id to UDP port.
     * @param customizer    adjusts the replication settings before they are concluded.
     */
    Hub meshHub(
        final String id, final int port, final long bitsPerSecond, final Map<String, Integer> peerPorts,
        final java.util.function.Consumer<ReplicationContext> customizer) throws IOException
    {
        return meshHub(id, port, peer -> bitsPerSecond, peerPorts, customizer);
    }

    /**
     * A hub whose peers are the given hubs on loopback (all trusted), each link paced at its own rate.
     */
    Hub meshHub(
        final String id, final int port, final java.util.function.ToLongFunction<String> bitsPerSecond,
        final Map<String, Integer> peerPorts, final java.util.function.Consumer<ReplicationContext> customizer)
        throws IOException
    {
        final TransportContext transportCtx = loopbackTransport(id, port);
        for (final Map.Entry<String, Integer> peer : peerPorts.entrySet())
        {
            transportCtx
                .addPeer(new PeerEndpoint(peer.getKey(), "127.0.0.1", peer.getValue(), hubMtu,
                    bitsPerSecond.applyAsLong(peer.getKey()), 1_000_000L))
                .peerPublicKey(peer.getKey(), identity(peer.getKey()).publicKey());
        }
        transportCtx.conclude();
        final ReplicationContext ctx = replication(id);
        customizer.accept(ctx);
        return new Hub(ctx.conclude(), transportCtx, new EventLog(id, new PrintStream(System.out, true)));
    }

    /**
     * Poll a transfer until a condition holds, failing after {@link #AWAIT_SECONDS} or when it ends before the
     * condition holds.
     */
    static TransferView awaitView(
        final Hub hub, final String id, final java.util.function.Predicate<TransferView> condition, final long seed)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        while (System.nanoTime() < deadline)
        {
            final TransferView view = hub.transfer(id).orElseThrow();
            if (condition.test(view))
            {
                return view;
            }
            if (view.state().isTerminal())
            {
                throw new AssertionError("seed " + seed + ": transfer ended before the condition held: " + view);
            }
            Thread.sleep(2);
        }
        throw new AssertionError(
            "seed " + seed + ": condition not met in " + AWAIT_SECONDS + " s: " + hub.transfer(id));
    }

    /**
     * Wait until a dataset root's staging directory is empty, failing after 30 s.
     */
    static void awaitNoStaging(final Path datasetRoot, final long seed) throws Exception
    {
        final Path staging = datasetRoot.resolve(".ferry/staging");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true)
        {
            try (Stream<Path> entries = Files.exists(staging) ? Files.list(staging) : Stream.empty())
            {
                final List<Path> left = entries.toList();
                if (left.isEmpty())
                {
                    return;
                }
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("seed " + seed + ": staging not dropped: " + left);
                }
            }
            Thread.sleep(10);
        }
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
