package io.ferry.perf;

import io.ferry.replication.EventLog;
import io.ferry.replication.Hub;
import io.ferry.replication.ReplicationContext;
import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.RequestException;
import io.ferry.replication.api.TransferRequest;
import io.ferry.replication.api.TransferView;
import io.ferry.transport.Encryption;
import io.ferry.transport.HubIdentity;
import io.ferry.transport.PeerEndpoint;
import io.ferry.transport.PeerLink;
import io.ferry.transport.TransportContext;

import io.aeron.AeronCounters;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ext.DebugReceiveChannelEndpoint;
import io.aeron.driver.ext.LossGenerator;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Two hubs in this JVM on loopback, east (source) and west (target), each with its own embedded driver and identity
 * key, trusting each other's public key, with the default frame protection ({@link #ENCRYPTION}); the target's
 * driver can drop data frames on receipt through Aeron's {@link DebugReceiveChannelEndpoint}.
 */
public final class InProcessHubPair implements AutoCloseable
{
    /** Dataset both hubs serve. */
    public static final String DATASET = "perf";
    /** Frame protection of the link: ferry's default. */
    public static final Encryption ENCRYPTION = Encryption.AES_256_GCM;

    private static final long RTT_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final Hub east;
    private final Hub west;
    private final Path westRoot;
    private final PrintStream log;

    private InProcessHubPair(final Hub east, final Hub west, final Path westRoot, final PrintStream log)
    {
        this.east = east;
        this.west = west;
        this.westRoot = westRoot;
        this.log = log;
    }

    /**
     * Start both hubs and wait until their link is up.
     *
     * @param work               directory for both hubs' state and the event log.
     * @param mtu                link MTU.
     * @param bandwidthBitsPerSecond link bandwidth, which paces the data.
     * @param targetDataLoss     loss applied to frames the target receives, or null for none.
     * @return the running pair.
     * @throws IOException if directories or ports cannot be had, or the link does not come up.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static InProcessHubPair start(
        final Path work, final int mtu, final long bandwidthBitsPerSecond, final LossGenerator targetDataLoss)
        throws IOException, InterruptedException
    {
        final int eastPort = FreePorts.udp();
        final int westPort = FreePorts.udp();
        final PrintStream log = new PrintStream(
            Files.newOutputStream(work.resolve("hubs.log")), true, StandardCharsets.UTF_8);
        final Consumer<MediaDriver.Context> loss = null == targetDataLoss ? null :
            ctx -> ctx.receiveChannelEndpointSupplier((udpChannel, dispatcher, status, context) ->
                new DebugReceiveChannelEndpoint(
                    udpChannel, dispatcher, status, context, targetDataLoss, (address, buffer, length) -> false));
        final HubIdentity eastIdentity = HubIdentity.generate();
        final HubIdentity westIdentity = HubIdentity.generate();
        final Hub east = hub(work, "east", eastPort, eastIdentity, "west", westPort, westIdentity.publicKey(), mtu,
            bandwidthBitsPerSecond, null, log);
        final Hub west;
        try
        {
            west = hub(work, "west", westPort, westIdentity, "east", eastPort, eastIdentity.publicKey(), mtu,
                bandwidthBitsPerSecond, loss, log);
        }
        catch (final RuntimeException ex)
        {
            east.close();
            throw ex;
        }
        final InProcessHubPair pair = new InProcessHubPair(east, west, work.resolve("west-root"), log);
        pair.awaitUp();
        return pair;
    }

    /**
     * Submit a version of a tree from east to west.
     *
     * @param source  tree to replicate.
     * @param version version label.
     * @return the transfer as queued.
     * @throws RequestException if east refuses the request.
     */
    public TransferView submit(final Path source, final String version) throws RequestException
    {
        return east.submit(new TransferRequest(
            source.toString(), DATASET, version, List.of("west"), DataKind.DATASET, null));
    }

    /**
     * A transfer as east sees it now.
     *
     * @param id transfer id.
     * @return the transfer.
     */
    public TransferView transfer(final String id)
    {
        return east.transfer(id).orElseThrow();
    }

    /**
     * East's link to west, whose counters show what was sent and resent.
     *
     * @return the link.
     */
    public PeerLink sourceLink()
    {
        return east.transport().link("west");
    }

    /**
     * West's link to east, whose counters show what was received and reported missing.
     *
     * @return the link.
     */
    public PeerLink targetLink()
    {
        return west.transport().link("east");
    }

    /**
     * A system counter of west's media driver, e.g. {@code "Loss gap fills"}: the gaps its unreliable data stream
     * skipped, whether the loss generator or a full socket buffer made them.
     *
     * @param label the counter's label.
     * @return the value, or -1 if the driver has no such counter.
     */
    public long targetDriverCounter(final String label)
    {
        final CountersReader counters = west.transport().aeron().countersReader();
        final long[] value = { -1 };
        counters.forEach((counterId, typeId, key, counterLabel) ->
        {
            if (typeId == AeronCounters.DRIVER_SYSTEM_COUNTER_TYPE_ID && counterLabel.equals(label))
            {
                value[0] = counters.getCounterValue(counterId);
            }
        });
        return value[0];
    }

    /**
     * Where west publishes a version.
     *
     * @param version version label.
     * @return directory.
     */
    public Path published(final String version)
    {
        return westRoot.resolve(version);
    }

    /**
     * Stop both hubs.
     */
    public void close()
    {
        try
        {
            east.close();
        }
        finally
        {
            west.close();
            log.close();
        }
    }

    private void awaitUp() throws IOException, InterruptedException
    {
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (!sourceLink().isUpSnapshot() || !targetLink().isUpSnapshot())
        {
            if (System.nanoTime() > deadlineNs)
            {
                close();
                throw new IOException("in-process hubs did not connect within 30 s");
            }
            Thread.sleep(10);
        }
    }

    private static Hub hub(
        final Path work,
        final String id,
        final int port,
        final HubIdentity identity,
        final String peer,
        final int peerPort,
        final byte[] peerPublicKey,
        final int mtu,
        final long bandwidthBitsPerSecond,
        final Consumer<MediaDriver.Context> driverCustomizer,
        final PrintStream log) throws IOException
    {
        final TransportContext transportCtx = new TransportContext()
            .hubId(id)
            .aeronDirectoryName(work.resolve(id + "-aeron").toString())
            .listen("127.0.0.1", port)
            .mtu(mtu)
            .driverCustomizer(driverCustomizer)
            .identity(identity)
            .encryption(ENCRYPTION)
            .addPeer(new PeerEndpoint(peer, "127.0.0.1", peerPort, mtu, bandwidthBitsPerSecond, RTT_NS))
            .peerPublicKey(peer, peerPublicKey)
            .conclude();
        final ReplicationContext ctx = new ReplicationContext()
            .hubId(id)
            .dataDir(Files.createDirectories(work.resolve(id + "-data")))
            .addDataset(DATASET, Files.createDirectories(work.resolve(id + "-root")))
            .conclude();
        return new Hub(ctx, transportCtx, new EventLog(id, log));
    }
}
