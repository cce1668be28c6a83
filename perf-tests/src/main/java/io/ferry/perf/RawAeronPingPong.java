package io.ferry.perf;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.ferry.transport.EmbeddedDriver;
import org.HdrHistogram.Histogram;
import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Round trips of raw Aeron messages on ferry's own embedded driver (SHARED threading, backoff idle, the
 * {@link EmbeddedDriver} every ferryd launches): one exclusive publication and subscription each way over loopback UDP
 * at {@link FerryPingPong#MTU}, no ferry codec, sealing or control logic. It is the baseline for ferry's round trips on
 * the same driver, which Aeron's {@code EmbeddedPingPong} cannot be: that sample hard-codes a DEDICATED driver whose
 * sender and receiver never idle.
 */
public final class RawAeronPingPong
{
    private static final int PING_STREAM_ID = 1001;
    private static final int PONG_STREAM_ID = 1002;
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long PONG_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private final UnsafeBuffer payload;
    private final int payloadLength;
    private final IdleStrategy pingIdle;
    private final Supplier<IdleStrategy> idle;
    private long echoedSequence = -1;
    private long echoMismatches;
    private boolean recording;

    private RawAeronPingPong(final int payloadLength, final Supplier<IdleStrategy> idle)
    {
        this.payloadLength = Math.max(2 * Long.BYTES, payloadLength);
        this.payload = new UnsafeBuffer(BufferUtil.allocateDirectAligned(this.payloadLength, 64));
        for (int i = 0; i < this.payloadLength; i++)
        {
            payload.putByte(i, (byte)(i * 31 + 7));
        }
        this.idle = idle;
        this.pingIdle = idle.get();
    }

    /**
     * Measure round trips.
     *
     * @param aeronDir      Aeron directory of the embedded driver, removed afterwards.
     * @param payloadLength bytes of each message (at least 16: a sequence number and a timestamp lead it).
     * @param warmup        round trips before the measured ones.
     * @param roundTrips    measured round trips.
     * @param idle          idle strategy of the ping loop and of the pong agent, one new instance each.
     * @return the summary and details.
     * @throws IOException if no free port can be had.
     */
    public static RunResult run(
        final String aeronDir,
        final int payloadLength,
        final long warmup,
        final long roundTrips,
        final Supplier<IdleStrategy> idle) throws IOException
    {
        return new RawAeronPingPong(payloadLength, idle).measure(aeronDir, warmup, roundTrips);
    }

    private RunResult measure(final String aeronDir, final long warmup, final long roundTrips) throws IOException
    {
        final String pingChannel = "aeron:udp?endpoint=127.0.0.1:" + FreePorts.udp() + "|mtu=" + FerryPingPong.MTU;
        final String pongChannel = "aeron:udp?endpoint=127.0.0.1:" + FreePorts.udp() + "|mtu=" + FerryPingPong.MTU;
        final MediaDriver driver = EmbeddedDriver.launch(aeronDir, FerryPingPong.MTU, Throwable::printStackTrace, null);
        Aeron aeron = null;
        AgentRunner pongRunner = null;
        try
        {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            final ExclusivePublication pingPublication = aeron.addExclusivePublication(pingChannel, PING_STREAM_ID);
            final Subscription pingSubscription = aeron.addSubscription(pingChannel, PING_STREAM_ID);
            final ExclusivePublication pongPublication = aeron.addExclusivePublication(pongChannel, PONG_STREAM_ID);
            final Subscription pongSubscription = aeron.addSubscription(pongChannel, PONG_STREAM_ID);
            awaitConnected(pingPublication, pongPublication);

            pongRunner = new AgentRunner(idle.get(), Throwable::printStackTrace, null,
                new Echo(pingSubscription, pongPublication, idle.get()));
            AgentRunner.startOnThread(pongRunner);

            final FragmentHandler onPong = this::onPong;
            roundTrips(pingPublication, pongSubscription, onPong, warmup);
            histogram.reset();
            recording = true;
            roundTrips(pingPublication, pongSubscription, onPong, roundTrips);
            recording = false;

            return new RunResult("aeron-shared", "raw Aeron messages of " + payloadLength + " B, MTU " +
                FerryPingPong.MTU + ", ferry's driver (SHARED, backoff idle)", 0, 0, 0, 0 == echoMismatches)
                .with("latency", LatencySummary.of(histogram))
                .with("payload_length", payloadLength)
                .with("warmup_round_trips", warmup)
                .with("echo_mismatches", echoMismatches)
                .with("idle_strategy", pingIdle.getClass().getName() + " (ping loop and pong agent)")
                .with("driver", "ferry");
        }
        finally
        {
            CloseHelper.quietCloseAll(pongRunner, aeron, driver);
            Trees.delete(Path.of(aeronDir));
        }
    }

    private void roundTrips(
        final ExclusivePublication ping, final Subscription pongs, final FragmentHandler onPong, final long count)
    {
        for (long i = 0; i < count; i++)
        {
            final long deadlineNs = System.nanoTime() + PONG_TIMEOUT_NS;
            payload.putLong(0, i);
            payload.putLong(Long.BYTES, System.nanoTime());
            while (ping.offer(payload, 0, payloadLength) < 0)
            {
                checkDeadline(deadlineNs, i);
                pingIdle.idle();
            }
            pingIdle.reset();
            while (echoedSequence != i)
            {
                checkDeadline(deadlineNs, i);
                pingIdle.idle(pongs.poll(onPong, 1));
            }
            pingIdle.reset();
        }
    }

    private void onPong(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long nowNs = System.nanoTime();
        if (recording)
        {
            histogram.recordValue(Math.min(nowNs - buffer.getLong(offset + Long.BYTES),
                histogram.getHighestTrackableValue()));
        }
        if (length != payloadLength || !FerryPingPong.sameBytes(payload, buffer, offset, 2 * Long.BYTES, payloadLength))
        {
            echoMismatches++;
        }
        echoedSequence = buffer.getLong(offset);
    }

    private static void checkDeadline(final long deadlineNs, final long roundTrip)
    {
        if (System.nanoTime() > deadlineNs)
        {
            throw new IllegalStateException("round trip " + roundTrip + " not back within 10 s");
        }
    }

    private static void awaitConnected(final ExclusivePublication... publications)
    {
        final IdleStrategy connectIdle = new SleepingMillisIdleStrategy(1);
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        for (final ExclusivePublication publication : publications)
        {
            while (!publication.isConnected())
            {
                if (System.nanoTime() > deadlineNs)
                {
                    throw new IllegalStateException("publication " + publication.channel() + " not connected");
                }
                connectIdle.idle();
            }
        }
    }

    /**
     * The pong side: sends every ping straight back on the pong publication.
     */
    private static final class Echo implements Agent
    {
        private final Subscription pings;
        private final ExclusivePublication pongs;
        private final IdleStrategy backPressureIdle;
        private final FragmentHandler echo;

        Echo(final Subscription pings, final ExclusivePublication pongs, final IdleStrategy backPressureIdle)
        {
            this.pings = pings;
            this.pongs = pongs;
            this.backPressureIdle = backPressureIdle;
            this.echo = this::echo;
        }

        public int doWork()
        {
            return pings.poll(echo, 1);
        }

        public String roleName()
        {
            return "raw-aeron-pong";
        }

        private void echo(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            while (pongs.offer(buffer, offset, length) < 0)
            {
                backPressureIdle.idle();
            }
            backPressureIdle.reset();
        }
    }
}
