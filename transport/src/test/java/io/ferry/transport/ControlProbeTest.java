package io.ferry.transport;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Ping and Pong between two real transports on one embedded driver, over loopback UDP, sealed with AES-256-GCM
 * after the signed handshake: the payload comes back byte for byte, the round trip is positive, a payload that would
 * not fit one control frame is refused, and a pong that answers no ping is dropped and counted.
 */
class ControlProbeTest
{
    private static final int MTU = 8192;
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(10);

    private final long seed = System.nanoTime();
    private final SplittableRandom random = new SplittableRandom(seed);
    private final PongRecorder pongs = new PongRecorder();
    private final List<String> errors = new ArrayList<>();
    private final IdleStrategy idle = new BackoffIdleStrategy();
    private Path dir;
    private Transport east;
    private Transport west;

    @BeforeEach
    void start() throws IOException
    {
        System.out.println("ControlProbeTest seed " + seed);
        dir = Files.createTempDirectory("ferry-probe");
        final String aeronDir = dir.resolve("aeron").toString();
        final HubIdentity eastIdentity = HubIdentity.generate();
        final HubIdentity westIdentity = HubIdentity.generate();
        final int eastPort = freeUdpPort();
        final int westPort = freeUdpPort();
        east = new Transport(context("east", eastPort, eastIdentity, "west", westPort, westIdentity, aeronDir)
            .embeddedDriver(true).conclude(), ex -> errors.add(ex.toString()));
        west = new Transport(context("west", westPort, westIdentity, "east", eastPort, eastIdentity, aeronDir)
            .embeddedDriver(false).conclude(), ex -> errors.add(ex.toString()));
        east.listener(pongs);
        west.listener(new TransportListener()
        {
        });
    }

    @AfterEach
    void stop()
    {
        CloseHelper.quietCloseAll(west, east);
        IoUtil.delete(dir.toFile(), true);
        assertEquals(List.of(), errors);
    }

    @Test
    void pingIsAnsweredWithItsPayloadEchoedByteForByte()
    {
        awaitUp();
        final PeerLink link = east.link("west");
        final int max = link.control().maxProbePayloadLength();
        final int[] lengths = { 4096, 0, 1, max, 7, random.nextInt(max + 1), random.nextInt(max + 1) };
        for (final int length : lengths)
        {
            final byte[] payload = randomBytes(length);
            final long probeId = east.ping("west", new UnsafeBuffer(payload), 0, length);
            assertTrue(probeId > 0, PingResult.describe(probeId));
            final int before = pongs.count();
            await(() -> pongs.count() > before, "pong of probe " + probeId);

            assertEquals(probeId, pongs.lastProbeId, "seed " + seed);
            assertArrayEquals(payload, pongs.lastPayload, "seed " + seed + ", length " + length);
            assertTrue(pongs.lastRoundTripNs > 0, "round trip " + pongs.lastRoundTripNs);
        }
        assertEquals(lengths.length, pongs.count());
        assertEquals(0, link.counter(TransportCounter.PONGS_UNMATCHED));
        assertEquals(0, west.link("east").counter(TransportCounter.PINGS_UNANSWERED));
        assertEquals(0, east.drops().malformedCount() + west.drops().malformedCount());
    }

    @Test
    void payloadThatWouldNotFitOneControlFrameIsRefused()
    {
        awaitUp();
        final int max = east.link("west").control().maxProbePayloadLength();
        assertEquals(MTU - 92, max);
        final UnsafeBuffer payload = new UnsafeBuffer(randomBytes(max + 1));

        assertEquals(PingResult.PAYLOAD_TOO_LONG, east.ping("west", payload, 0, max + 1));
        assertEquals(PingResult.PAYLOAD_TOO_LONG, east.ping("west", payload, 0, -1));
        assertEquals(0, east.link("west").controlBacklog());

        final long probeId = east.ping("west", payload, 0, max);
        assertTrue(probeId > 0, PingResult.describe(probeId));
        await(() -> pongs.count() == 1, "pong of the largest payload");
        assertEquals(max, pongs.lastPayload.length);
    }

    @Test
    void pingNeedsAConfiguredPeerWhoseLinkIsUp()
    {
        final UnsafeBuffer payload = new UnsafeBuffer(randomBytes(16));
        assertEquals(PingResult.LINK_DOWN, east.ping("west", payload, 0, 16));
        assertEquals(PingResult.UNKNOWN_PEER, east.ping("north", payload, 0, 16));
        awaitUp();
        assertEquals(PingResult.UNKNOWN_PEER, east.ping("north", payload, 0, 16));
        assertTrue(east.ping("west", payload, 0, 16) > 0);
    }

    @Test
    void pongThatAnswersNoPingIsDroppedAndCounted()
    {
        awaitUp();
        final PeerLink eastLink = east.link("west");
        final PeerLink westLink = west.link("east");
        final UnsafeBuffer forged = new UnsafeBuffer(randomBytes(64));

        assertTrue(westLink.control().pong(12_345, 1, forged, 0, 64));
        await(() -> eastLink.counter(TransportCounter.PONGS_UNMATCHED) == 1, "the unsolicited pong to be counted");
        assertEquals(0, pongs.count());

        final byte[] payload = randomBytes(4096);
        final long probeId = east.ping("west", new UnsafeBuffer(payload), 0, payload.length);
        assertTrue(probeId > 0, PingResult.describe(probeId));
        // Queued before west has even received the ping, so it reaches east first: right id, wrong timestamp.
        assertTrue(westLink.control().pong(probeId, 0, forged, 0, 64));
        await(() -> pongs.count() == 1, "the real pong");

        assertEquals(2, eastLink.counter(TransportCounter.PONGS_UNMATCHED));
        assertEquals(probeId, pongs.lastProbeId);
        assertArrayEquals(payload, pongs.lastPayload, "seed " + seed);
        assertTrue(eastLink.isUp());
    }

    private void awaitUp()
    {
        await(() -> east.link("west").isUp() && west.link("east").isUp(), "the handshake");
    }

    private void await(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + DEADLINE_NS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadlineNs)
            {
                fail("no " + what + " within 10 s; errors " + errors);
            }
            final long nowNs = System.nanoTime();
            idle.idle(east.doWork(nowNs) + west.doWork(nowNs));
        }
        idle.reset();
    }

    private byte[] randomBytes(final int length)
    {
        final byte[] bytes = new byte[Math.max(0, length)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static TransportContext context(
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
            .encryption(Encryption.AES_256_GCM)
            .addPeer(new PeerEndpoint(peerId, "127.0.0.1", peerPort, MTU, 1_000_000_000L, 1_000_000L))
            .peerPublicKey(peerId, peerIdentity.publicKey());
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static final class PongRecorder implements TransportListener
    {
        private int count;
        long lastProbeId;
        long lastRoundTripNs;
        byte[] lastPayload;

        int count()
        {
            return count;
        }

        public void onPong(
            final PeerLink link,
            final long probeId,
            final long roundTripNs,
            final DirectBuffer payload,
            final int offset,
            final int length)
        {
            count++;
            lastProbeId = probeId;
            lastRoundTripNs = roundTripNs;
            lastPayload = new byte[length];
            payload.getBytes(offset, lastPayload);
        }
    }
}
