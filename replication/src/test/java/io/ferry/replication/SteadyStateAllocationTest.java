package io.ferry.replication;

import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TransferRequest;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.api.TransferView;
import io.ferry.test.SeededLossGenerator;
import io.ferry.transport.Encryption;
import io.ferry.transport.PeerEndpoint;
import io.ferry.transport.TransportContext;
import io.ferry.transport.TransportCounter;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ext.DebugReceiveChannelEndpoint;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The link agents of both hubs allocate nothing per frame while more than 100,000 data frames go through the real
 * send path (file read, pacing, tryClaim) and receive path (CRC, placement, file write, verification handoff, acks),
 * with 1 % of data packets dropped so that selective repair runs in the measured window too. A first transfer warms
 * every path up: first use of a path links lambdas and loads classes, which is not steady state.
 * <p>
 * Most runs measure exactly 0 bytes on both threads. Some runs show one-off allocations at a random place in the
 * duty cycle, never per frame: usually 72 to 560 bytes, and on a heavily loaded host twice 7.2 to 7.6 KB on the
 * receiving agent; their source is not yet identified (JFR's allocation samples did not catch them; see
 * docs/performance.md). The bound below is therefore 16 KiB over at least 100,000 frames, under 0.2 byte a frame:
 * one allocation per frame, even of 16 bytes, exceeds it a hundredfold (a deliberate {@code Long.valueOf} per
 * received frame measured 4,545,960 bytes).
 * <p>
 * The hubs run {@code encryption = none}: every frame is still sealed and opened (HMAC-SHA256 tag, counter, replay
 * window), which allocates nothing. AES-256-GCM cannot run here: the JDK allocates about 2 KB per frame sealed and
 * opened, mostly in {@code Cipher.init} (measured in FrameProtectorTest, explained in docs/security.md), so this test
 * guards everything but the JDK's cipher.
 */
class SteadyStateAllocationTest extends HubTestSupport
{
    private static final int MTU = 1408;
    private static final long FILE_LENGTH = 320L * 1024 * 1024;
    private static final long ONE_OFF_ALLOCATION_BOUND = 16 * 1024;

    @Test
    void linkAgentsAllocateNothingOverOneHundredThousandFrames() throws Exception
    {
        final long seed = System.nanoTime();
        final Path warmUp = Files.createDirectories(tmp.resolve("warm-up"));
        writeRandom(warmUp.resolve("warm.bin"), FILE_LENGTH / 8, seed + 1);
        final Path source = Files.createDirectories(tmp.resolve("alloc-src"));
        writeRandom(source.resolve("one.bin"), FILE_LENGTH, seed);

        final SeededLossGenerator loss = new SeededLossGenerator(seed, 0.01, TransportContext.DATA_STREAM_ID);
        final SeededLossGenerator none = new SeededLossGenerator(seed, 0.0, -1);
        final int eastPort = freeUdpPort();
        final int westPort = freeUdpPort();
        east = smallMtuHub("east", eastPort, "west", westPort, null);
        west = smallMtuHub("west", westPort, "east", eastPort, ctx -> ctx.receiveChannelEndpointSupplier(
            (udpChannel, dispatcher, status, context) ->
                new DebugReceiveChannelEndpoint(udpChannel, dispatcher, status, context, loss, none)));

        final TransferView warm = east.submit(new TransferRequest(
            warmUp.toString(), "ds", "warm-up", List.of("west"), DataKind.DATASET, null));
        assertEquals(TransferState.COMMITTED, awaitProgress(warm.id(), v -> v.state().isTerminal(), seed).state());

        final TransferView queued = east.submit(new TransferRequest(
            source.toString(), "ds", "alloc", List.of("west"), DataKind.DATASET, null));
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

        awaitProgress(queued.id(), v -> v.bytesDone() >= FILE_LENGTH / 8, seed);
        final long sentBefore = east.transport().link("west").counter(TransportCounter.FRAMES_SENT);
        final long receivedBefore = west.transport().link("east").counter(TransportCounter.FRAMES_RECEIVED);
        final long eastBefore = threads.getThreadAllocatedBytes(east.linkThread().getId());
        final long westBefore = threads.getThreadAllocatedBytes(west.linkThread().getId());

        awaitProgress(queued.id(), v -> v.bytesDone() >= FILE_LENGTH * 7 / 8, seed);
        final long eastAllocated = threads.getThreadAllocatedBytes(east.linkThread().getId()) - eastBefore;
        final long westAllocated = threads.getThreadAllocatedBytes(west.linkThread().getId()) - westBefore;
        final long sent = east.transport().link("west").counter(TransportCounter.FRAMES_SENT) - sentBefore;
        final long received = west.transport().link("east").counter(TransportCounter.FRAMES_RECEIVED) - receivedBefore;
        final long repaired = east.transport().link("west").counter(TransportCounter.REPAIR_RESENT);

        final TransferView done = awaitProgress(queued.id(), v -> v.state().isTerminal(), seed);
        System.out.printf("steady state: %d frames sent, %d received, %d resent in all, %d packets dropped; allocated " +
            "%d B on east ferry-link, %d B on west ferry-link (seed %d)%n",
            sent, received, repaired, loss.dropped(), eastAllocated, westAllocated, seed);

        assertEquals(TransferState.COMMITTED, done.state(), "seed " + seed);
        assertTrue(sent >= 100_000, "only " + sent + " frames sent in the measured window");
        assertTrue(received >= 100_000, "only " + received + " frames received in the measured window");
        assertTrue(repaired > 0, "seed " + seed + ": no frame was repaired; the repair path was not exercised");
        assertTrue(eastAllocated <= ONE_OFF_ALLOCATION_BOUND,
            eastAllocated + " bytes allocated by the sending link agent over " + sent + " frames");
        assertTrue(westAllocated <= ONE_OFF_ALLOCATION_BOUND,
            westAllocated + " bytes allocated by the receiving link agent over " + received + " frames");
    }

    private Hub smallMtuHub(
        final String id, final int port, final String peer, final int peerPort,
        final Consumer<MediaDriver.Context> driverCustomizer) throws IOException
    {
        final TransportContext transportCtx = new TransportContext()
            .hubId(id)
            .aeronDirectoryName(tmp.resolve(id + "-aeron").toString())
            .listen("127.0.0.1", port)
            .mtu(MTU)
            .driverCustomizer(driverCustomizer)
            .identity(identity(id))
            .peerPublicKey(peer, identity(peer).publicKey())
            .encryption(Encryption.NONE)
            .addPeer(new PeerEndpoint(peer, "127.0.0.1", peerPort, MTU, 4_000_000_000L, 1_000_000L))
            .conclude();
        final ReplicationContext ctx = new ReplicationContext()
            .hubId(id)
            .dataDir(Files.createDirectories(tmp.resolve(id + "-data")))
            .addDataset("ds", Files.createDirectories(tmp.resolve(id + "-root")))
            .conclude();
        return new Hub(ctx, transportCtx, new EventLog(id, new PrintStream(System.out, true)));
    }

    private TransferView awaitProgress(final String id, final Predicate<TransferView> condition, final long seed)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline)
        {
            final TransferView view = east.transfer(id).orElseThrow();
            if (condition.test(view))
            {
                return view;
            }
            if (view.state().isTerminal())
            {
                throw new AssertionError("seed " + seed + ": transfer ended early: " + view);
            }
            Thread.sleep(1);
        }
        throw new AssertionError("seed " + seed + ": condition not met in time: " + east.transfer(id));
    }

    private static void writeRandom(final Path file, final long length, final long seed) throws IOException
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file))
        {
            for (long written = 0; written < length; written += block.length)
            {
                for (int i = 0; i < block.length; i += 8)
                {
                    final long v = random.nextLong();
                    for (int k = 0; k < 8; k++)
                    {
                        block[i + k] = (byte)(v >>> (8 * k));
                    }
                }
                out.write(block, 0, (int)Math.min(block.length, length - written));
            }
        }
    }
}
