package io.ferry.perf;

import io.ferry.transport.Encryption;
import io.ferry.transport.HubIdentity;
import io.ferry.transport.PeerEndpoint;
import io.ferry.transport.PeerLink;
import io.ferry.transport.PingResult;
import io.ferry.transport.Transport;
import io.ferry.transport.TransportContext;
import io.ferry.transport.TransportCounter;
import io.ferry.transport.TransportListener;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.HdrHistogram.Histogram;
import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Round trips through ferry's control path, in the shape of Aeron's {@code EmbeddedPingPong}: two ferry
 * {@link Transport}s, "ping" and "pong", on one embedded driver over loopback UDP with their link up (signed handshake,
 * sealed frames, AES-256-GCM unless told otherwise); this thread queues a {@code Ping} with {@link Transport#ping}
 * and runs ping's duty cycle until the {@code Pong} is back, while an {@link AgentRunner} runs pong's duty cycle,
 * which answers. Both loops idle with the strategy the run gives the sample's ping and pong loops (by default a
 * {@link BackoffIdleStrategy}).
 */
public final class FerryPingPong implements TransportListener
{
    /** MTU of both transports: a 4 KiB payload fits one frame. */
    public static final int MTU = 8192;

    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long PONG_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long BANDWIDTH_BITS_PER_SECOND = 10_000_000_000L;
    private static final long RTT_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private final Supplier<IdleStrategy> idle;
    private final Encryption encryption;
    private final IdleStrategy pingIdle;
    private final UnsafeBuffer payload;
    private final int payloadLength;
    private long pongProbeId;
    private boolean recording;
    private long echoMismatches;
    private volatile Throwable transportError;

    private FerryPingPong(final int payloadLength, final Supplier<IdleStrategy> idle, final Encryption encryption)
    {
        this.encryption = encryption;
        this.idle = idle;
        this.pingIdle = idle.get();
        this.payloadLength = payloadLength;
        this.payload = new UnsafeBuffer(BufferUtil.allocateDirectAligned(Math.max(64, payloadLength), 64));
        for (int i = 0; i < payloadLength; i++)
        {
            payload.putByte(i, (byte)(i * 31 + 7));
        }
    }

    /**
     * How the embedded driver of both transports runs.
     */
    public enum DriverMode
    {
        /** What {@code EmbeddedPingPong} hard-codes: DEDICATED threads, sender and receiver never idle. */
        SAMPLE,
        /** ferry's own embedded driver: SHARED threading, backoff idle (DESIGN §2). */
        FERRY
    }

    /**
     * Measure round trips.
     *
     * @param driverMode    how the driver runs.
     * @param aeronDir      Aeron directory of the embedded driver, removed afterwards.
     * @param payloadLength bytes each ping carries and each pong brings back.
     * @param warmup        round trips before the measured ones.
     * @param roundTrips    measured round trips.
     * @param idle          idle strategy of the ping loop and of the pong agent, one new instance each.
     * @param encryption    frame protection of the link.
     * @return the summary and details.
     * @throws IOException if no free port can be had.
     */
    public static RunResult run(
        final DriverMode driverMode,
        final String aeronDir,
        final int payloadLength,
        final long warmup,
        final long roundTrips,
        final Supplier<IdleStrategy> idle,
        final Encryption encryption) throws IOException
    {
        return new FerryPingPong(payloadLength, idle, encryption).measure(driverMode, aeronDir, warmup, roundTrips);
    }

    private RunResult measure(
        final DriverMode driverMode, final String aeronDir, final long warmup, final long roundTrips) throws IOException
    {
        final int pingPort = FreePorts.udp();
        final int pongPort = FreePorts.udp();
        final HubIdentity pingIdentity = HubIdentity.generate();
        final HubIdentity pongIdentity = HubIdentity.generate();
        final Consumer<MediaDriver.Context> driver =
            driverMode == DriverMode.SAMPLE ? FerryPingPong::sampleDriver : null;
        final Transport ping = new Transport(context("ping", pingPort, pingIdentity, "pong", pongPort, pongIdentity,
            aeronDir).embeddedDriver(true).driverCustomizer(driver).conclude(), ex -> transportError = ex);
        Transport pong = null;
        AgentRunner pongRunner = null;
        try
        {
            pong = new Transport(context("pong", pongPort, pongIdentity, "ping", pingPort, pingIdentity, aeronDir)
                .embeddedDriver(false).conclude(), ex -> transportError = ex);
            ping.listener(this);
            pong.listener(new TransportListener()
            {
            });
            final PeerLink link = ping.link("pong");
            final PeerLink pongLink = pong.link("ping");
            awaitUp(ping, pong, link, pongLink);

            pongRunner = new AgentRunner(idle.get(), ex -> transportError = ex, null,
                new DutyCycle(pong));
            AgentRunner.startOnThread(pongRunner);

            roundTrips(ping, warmup);
            histogram.reset();
            recording = true;
            final long pongThreadId = pongRunner.thread().getId();
            final long pingAllocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            final long pongAllocatedBefore = THREADS.getThreadAllocatedBytes(pongThreadId);
            roundTrips(ping, roundTrips);
            final long pingAllocated = THREADS.getCurrentThreadAllocatedBytes() - pingAllocatedBefore;
            final long pongAllocated = THREADS.getThreadAllocatedBytes(pongThreadId) - pongAllocatedBefore;
            recording = false;

            final LatencySummary summary = LatencySummary.of(histogram);
            final String name = driverMode == DriverMode.SAMPLE ? "ferry" : "ferry-shared";
            return new RunResult(name, "ferry Ping/Pong on the control path (" + encryption.configName() +
                ", MTU " + MTU + "), " + (driverMode == DriverMode.SAMPLE ?
                "driver as EmbeddedPingPong's (DEDICATED, sender/receiver no-op idle)" :
                "ferry's driver (SHARED, backoff idle)"), 0, 0, 0, 0 == echoMismatches)
                .with("latency", summary)
                .with("payload_length", payloadLength)
                .with("warmup_round_trips", warmup)
                .with("echo_mismatches", echoMismatches)
                .with("pongs_unmatched", link.counter(TransportCounter.PONGS_UNMATCHED))
                .with("pings_unanswered", pongLink.counter(TransportCounter.PINGS_UNANSWERED))
                .with("ping_thread_allocated_bytes_per_round_trip", (double)pingAllocated / roundTrips)
                .with("pong_thread_allocated_bytes_per_round_trip", (double)pongAllocated / roundTrips)
                .with("idle_strategy", pingIdle.getClass().getName() + " (ping loop and pong agent)")
                .with("driver", driverMode.name().toLowerCase());
        }
        finally
        {
            CloseHelper.quietCloseAll(pongRunner, pong, ping);
            Trees.delete(Path.of(aeronDir));
            if (null != transportError)
            {
                throw new IllegalStateException("a transport reported an error", transportError);
            }
        }
    }

    /**
     * Closed loop, as the sample's: the next ping leaves when the previous pong is back.
     */
    private void roundTrips(final Transport ping, final long count)
    {
        for (long i = 0; i < count; i++)
        {
            payload.putLong(0, i);
            final long probeId = ping.ping("pong", payload, 0, payloadLength);
            if (probeId < 0)
            {
                throw new IllegalStateException("ping " + i + " refused: " + PingResult.describe(probeId));
            }
            final long deadlineNs = System.nanoTime() + PONG_TIMEOUT_NS;
            while (pongProbeId != probeId)
            {
                final long nowNs = System.nanoTime();
                if (nowNs > deadlineNs)
                {
                    throw new IllegalStateException("no pong for probe " + probeId + " within 10 s" +
                        (null == transportError ? "" : ": " + transportError));
                }
                pingIdle.idle(ping.doWork(nowNs));
            }
            pingIdle.reset();
        }
    }

    /**
     * Record the round trip and check the echo.
     */
    public void onPong(
        final PeerLink link,
        final long probeId,
        final long roundTripNs,
        final DirectBuffer echoed,
        final int offset,
        final int length)
    {
        if (recording)
        {
            histogram.recordValue(Math.min(roundTripNs, histogram.getHighestTrackableValue()));
        }
        if (length != payloadLength || !sameBytes(payload, echoed, offset, 0, payloadLength))
        {
            echoMismatches++;
        }
        pongProbeId = probeId;
    }

    /**
     * Whether an echo carries the sent bytes, compared a long at a time.
     *
     * @param sent       what was sent.
     * @param echoed     what came back.
     * @param echoOffset where the echo starts in {@code echoed}.
     * @param from       first byte to compare (bytes before it may legitimately differ).
     * @param length     bytes of the message.
     * @return whether bytes {@code [from, length)} are equal.
     */
    static boolean sameBytes(
        final DirectBuffer sent, final DirectBuffer echoed, final int echoOffset, final int from, final int length)
    {
        int i = from;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            if (sent.getLong(i) != echoed.getLong(echoOffset + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (sent.getByte(i) != echoed.getByte(echoOffset + i))
            {
                return false;
            }
        }
        return true;
    }

    private void awaitUp(final Transport ping, final Transport pong, final PeerLink link, final PeerLink pongLink)
    {
        final IdleStrategy idle = new BackoffIdleStrategy();
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (!link.isUp() || !pongLink.isUp())
        {
            final long nowNs = System.nanoTime();
            if (nowNs > deadlineNs)
            {
                throw new IllegalStateException("ping and pong did not complete the handshake within 10 s" +
                    (null == transportError ? "" : ": " + transportError));
            }
            idle.idle(ping.doWork(nowNs) + pong.doWork(nowNs));
        }
    }

    /**
     * The driver settings {@code io.aeron.samples.EmbeddedPingPong} 1.51.0 sets in code (so system properties cannot
     * change them there): DEDICATED threading, conductor backoff (1, 1, 1 µs, 1 µs), sender and receiver no-op idle.
     */
    static void sampleDriver(final MediaDriver.Context ctx)
    {
        ctx.threadingMode(ThreadingMode.DEDICATED)
            .conductorIdleStrategy(new BackoffIdleStrategy(1, 1, 1000, 1000))
            .receiverIdleStrategy(NoOpIdleStrategy.INSTANCE)
            .senderIdleStrategy(NoOpIdleStrategy.INSTANCE);
    }

    private TransportContext context(
        final String hubId,
        final int port,
        final HubIdentity identity,
        final String peerId,
        final int peerPort,
        final HubIdentity peerIdentity,
        final String aeronDir)
    {
        return new TransportContext()
            .hubId(hubId)
            .aeronDirectoryName(aeronDir)
            .listen("127.0.0.1", port)
            .mtu(MTU)
            .identity(identity)
            .encryption(encryption)
            .addPeer(new PeerEndpoint(peerId, "127.0.0.1", peerPort, MTU, BANDWIDTH_BITS_PER_SECOND, RTT_NS))
            .peerPublicKey(peerId, peerIdentity.publicKey());
    }

    /**
     * Pong's duty cycle on its own thread, as a hub's transport agent.
     */
    private static final class DutyCycle implements Agent
    {
        private final Transport transport;

        DutyCycle(final Transport transport)
        {
            this.transport = transport;
        }

        public int doWork()
        {
            return transport.doWork(System.nanoTime());
        }

        public String roleName()
        {
            return "ferry-latency-pong";
        }
    }
}
