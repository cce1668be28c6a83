package io.ferry.perf;

import io.ferry.transport.DataPublisher;
import io.ferry.transport.Encryption;
import io.ferry.transport.HubIdentity;
import io.ferry.transport.PeerEndpoint;
import io.ferry.transport.PeerLink;
import io.ferry.transport.Transport;
import io.ferry.transport.TransportContext;
import io.ferry.transport.TransportListener;

import io.aeron.Publication;
import io.aeron.driver.status.PublisherLimit;
import io.aeron.driver.status.StreamCounter;
import org.agrona.concurrent.status.CountersReader;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two ferry {@link Transport}s on loopback that share one embedded driver, "bench" and its peer "sink", with their own
 * identity keys, trusting each other and agreeing on the frame protection, whose link is brought up by the signed
 * handshake; {@link DataPublisher#send} then writes sealed frames into bench's real UDP data publication, the driver
 * carries them to sink, and this thread drains sink by running both transports' duty cycles, which opens every frame.
 */
@State(Scope.Thread)
public class SendPathFixture
{
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long FILE_LENGTH = 1L << 30;
    private static final long BANDWIDTH_BITS_PER_SECOND = 10_000_000_000L;
    private static final long RTT_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    /** Link MTU; the payload is the largest that fits one frame. */
    @Param({ "8192", "1408" })
    public int mtu;

    /** Frame protection of the link, as ferry.toml names it. */
    @Param({ "none", "aes-256-gcm" })
    public String encryption;

    private final DeliveryCounter delivered = new DeliveryCounter();
    private DrainAllocation allocation;
    private Transport transport;
    private Transport sink;
    private DataPublisher publisher;
    private CountersReader counters;
    private int publisherLimitCounterId;
    private ByteBuffer payload;
    private long fileOffset;
    private long sentPosition;
    private volatile Throwable transportError;

    /**
     * Start the driver and both transports, wait for the handshake and for a first frame to reach the sink.
     *
     * @param allocation where the bytes this thread allocates while draining the sink are counted.
     * @throws IOException if no free port can be had.
     */
    @Setup(Level.Trial)
    public void start(final DrainAllocation allocation) throws IOException
    {
        this.allocation = allocation;
        final Encryption mode = Encryption.fromConfigName(encryption);
        if (null == mode)
        {
            throw new IllegalArgumentException("unknown encryption: " + encryption);
        }
        final String aeronDir = "/dev/shm/ferry-perf-jmh-" + ProcessHandle.current().pid() + "-" + mtu;
        final int benchPort = FreePorts.udp();
        final int sinkPort = FreePorts.udp();
        final HubIdentity benchIdentity = HubIdentity.generate();
        final HubIdentity sinkIdentity = HubIdentity.generate();
        transport = new Transport(context("bench", benchPort, benchIdentity, "sink", sinkPort, sinkIdentity, mode,
            aeronDir).embeddedDriver(true).conclude(), ex -> transportError = ex);
        sink = new Transport(context("sink", sinkPort, sinkIdentity, "bench", benchPort, benchIdentity, mode,
            aeronDir).embeddedDriver(false).conclude(), ex -> transportError = ex);
        transport.listener(delivered);
        sink.listener(delivered);
        counters = transport.aeron().countersReader();
        publisherLimitCounterId = findDataPublisherLimit(counters, sinkPort);
        final PeerLink link = transport.link("sink");
        publisher = link.data();

        payload = ByteBuffer.allocateDirect(publisher.maxPayloadLength());
        final SplittableRandom random = new SplittableRandom(mtu);
        while (payload.hasRemaining())
        {
            payload.put((byte)random.nextInt());
        }
        payload.flip();
        awaitUp(link, sink.link("bench"));
        awaitFirstDelivery();
    }

    /**
     * Close both transports and the driver; the driver removes its directory.
     */
    @TearDown(Level.Trial)
    public void stop()
    {
        sink.close();
        transport.close();
        if (null != transportError)
        {
            throw new IllegalStateException("transport reported an error during the benchmark", transportError);
        }
    }

    /**
     * Payload bytes each frame carries.
     *
     * @return bytes.
     */
    public int payloadLength()
    {
        return payload.remaining();
    }

    /**
     * Send one frame, draining the sink while the publication is back-pressured, as a sender that never gives up.
     *
     * @return the publication position after the frame.
     */
    public long send()
    {
        long result;
        while ((result = publisher.send(1L, (int)(fileOffset >>> 22), 0, fileOffset, payload)) < 0)
        {
            if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED)
            {
                throw new IllegalStateException("data publication lost its sink: " + Publication.errorString(result));
            }
            allocation.drainAllocatedBytes += drain();
        }
        fileOffset = (fileOffset + payload.remaining()) & (FILE_LENGTH - 1);
        sentPosition = result;
        return result;
    }

    /**
     * Drain the sink until the driver lets the publication take at least one more frame.
     */
    public void awaitRoom()
    {
        while (counters.getCounterValue(publisherLimitCounterId) <= sentPosition)
        {
            allocation.drainAllocatedBytes += drain();
            Thread.onSpinWait();
        }
    }

    /**
     * One duty cycle of each transport: sink polls, opens and checks the frames that arrived, and both keep their
     * link alive.
     *
     * @return bytes this thread allocated meanwhile.
     */
    private long drain()
    {
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        final long nowNs = System.nanoTime();
        sink.doWork(nowNs);
        transport.doWork(nowNs);
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    private void awaitUp(final PeerLink benchLink, final PeerLink sinkLink)
    {
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (!benchLink.isUp() || !sinkLink.isUp())
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("bench and sink did not complete the handshake within 10 s" +
                    (null == transportError ? "" : ": " + transportError));
            }
            drain();
            Thread.onSpinWait();
        }
    }

    private void awaitFirstDelivery()
    {
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        long result;
        while ((result = publisher.send(0L, 0, 0, 0L, payload)) < 0)
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("data publication took no frame within 10 s: " +
                    Publication.errorString(result));
            }
            drain();
        }
        sentPosition = result;
        while (delivered.frames < 1)
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("first frame did not reach the sink within 10 s");
            }
            drain();
        }
    }

    private TransportContext context(
        final String hubId,
        final int port,
        final HubIdentity identity,
        final String peerId,
        final int peerPort,
        final HubIdentity peerIdentity,
        final Encryption mode,
        final String aeronDir)
    {
        return new TransportContext()
            .hubId(hubId)
            .aeronDirectoryName(aeronDir)
            .listen("127.0.0.1", port)
            .mtu(mtu)
            .identity(identity)
            .encryption(mode)
            .addPeer(new PeerEndpoint(
                peerId, "127.0.0.1", peerPort, mtu, BANDWIDTH_BITS_PER_SECOND, RTT_NS))
            .peerPublicKey(peerId, peerIdentity.publicKey());
    }

    /**
     * The publisher limit of bench's data publication: the data-stream publication whose channel ends at sink's port
     * (sink's own data publication to bench lives on the same driver).
     */
    private static int findDataPublisherLimit(final CountersReader counters, final int sinkPort)
    {
        final int[] found = { CountersReader.NULL_COUNTER_ID };
        final String endpoint = "endpoint=127.0.0.1:" + sinkPort + "|";
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (typeId == PublisherLimit.PUBLISHER_LIMIT_TYPE_ID &&
                key.getInt(StreamCounter.STREAM_ID_OFFSET) == TransportContext.DATA_STREAM_ID &&
                label.contains(endpoint))
            {
                found[0] = counterId;
            }
        });
        if (found[0] == CountersReader.NULL_COUNTER_ID)
        {
            throw new IllegalStateException("no publisher limit counter for the data stream to the sink");
        }
        return found[0];
    }

    /**
     * Counts the data frames that reach the sink; control messages are ignored.
     */
    private static final class DeliveryCounter implements TransportListener
    {
        long frames;

        public void onData(
            final PeerLink link,
            final long transferId,
            final int chunkIndex,
            final int fileIndex,
            final long fileOffset,
            final ByteBuffer payload)
        {
            frames++;
        }
    }
}
