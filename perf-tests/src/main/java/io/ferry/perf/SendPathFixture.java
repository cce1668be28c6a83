package io.ferry.perf;

import io.ferry.transport.DataPublisher;
import io.ferry.transport.PeerEndpoint;
import io.ferry.transport.Transport;
import io.ferry.transport.TransportContext;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.status.PublisherLimit;
import io.aeron.driver.status.StreamCounter;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.concurrent.status.CountersReader;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A ferry {@link Transport} whose one peer is a sink subscription on the same embedded driver, so that
 * {@link DataPublisher#send} writes into the real UDP data publication of a peer link and the driver carries every
 * frame over loopback to a subscriber that this thread drains.
 */
@State(Scope.Thread)
public class SendPathFixture
{
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int DRAIN_FRAGMENT_LIMIT = 256;
    private static final long FILE_LENGTH = 1L << 30;

    /** Link MTU; the payload is the largest that fits one frame. */
    @Param({ "8192", "1408" })
    public int mtu;

    private final FragmentHandler sinkHandler = (buffer, offset, length, header) -> deliveredPosition = header.position();
    private Transport transport;
    private DataPublisher publisher;
    private Subscription sink;
    private CountersReader counters;
    private int publisherLimitCounterId;
    private ByteBuffer payload;
    private long fileOffset;
    private long sentPosition;
    private long deliveredPosition;
    private volatile Throwable transportError;

    /**
     * Start the driver and transport, subscribe the sink and wait until the data publication is connected.
     *
     * @throws IOException if no free port can be had.
     */
    @Setup(Level.Trial)
    public void start() throws IOException
    {
        final int listenPort = FreePorts.udp();
        final int sinkPort = FreePorts.udp();
        final TransportContext ctx = new TransportContext()
            .hubId("bench")
            .aeronDirectoryName("/dev/shm/ferry-perf-jmh-" + ProcessHandle.current().pid() + "-" + mtu)
            .listen("127.0.0.1", listenPort)
            .mtu(mtu)
            .addPeer(new PeerEndpoint(
                "sink", "127.0.0.1", sinkPort, mtu, 10_000_000_000L, TimeUnit.MILLISECONDS.toNanos(1)))
            .conclude();
        transport = new Transport(ctx, ex -> transportError = ex);
        final int window = transport.windowLength();
        sink = transport.aeron().addSubscription(
            "aeron:udp?endpoint=127.0.0.1:" + sinkPort + "|reliable=false|rcv-wnd=" + window + "|so-rcvbuf=" + window,
            TransportContext.DATA_STREAM_ID);
        counters = transport.aeron().countersReader();
        publisherLimitCounterId = findDataPublisherLimit(counters);
        publisher = transport.link("sink").data();

        payload = ByteBuffer.allocateDirect(publisher.maxPayloadLength());
        final SplittableRandom random = new SplittableRandom(mtu);
        while (payload.hasRemaining())
        {
            payload.put((byte)random.nextInt());
        }
        payload.flip();
        awaitConnected();
    }

    /**
     * Close the sink, transport and driver; the driver removes its directory.
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
            drain();
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
            if (drain() == 0)
            {
                Thread.onSpinWait();
            }
        }
    }

    private int drain()
    {
        return sink.poll(sinkHandler, DRAIN_FRAGMENT_LIMIT);
    }

    private void awaitConnected()
    {
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        long result;
        while ((result = publisher.send(0L, 0, 0, 0L, payload)) < 0)
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("data publication did not connect to the sink within 10 s: " +
                    Publication.errorString(result));
            }
            drain();
            Thread.onSpinWait();
        }
        sentPosition = result;
        while (deliveredPosition < sentPosition)
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("first frame did not reach the sink within 10 s");
            }
            drain();
        }
    }

    private static int findDataPublisherLimit(final CountersReader counters)
    {
        final int[] found = { CountersReader.NULL_COUNTER_ID };
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (typeId == PublisherLimit.PUBLISHER_LIMIT_TYPE_ID &&
                key.getInt(StreamCounter.STREAM_ID_OFFSET) == TransportContext.DATA_STREAM_ID)
            {
                found[0] = counterId;
            }
        });
        if (found[0] == CountersReader.NULL_COUNTER_ID)
        {
            throw new IllegalStateException("no publisher limit counter for the data stream");
        }
        return found[0];
    }
}
