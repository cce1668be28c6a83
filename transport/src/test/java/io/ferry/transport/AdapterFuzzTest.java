package io.ferry.transport;

import io.ferry.codec.CancelDecoder;
import io.ferry.codec.ChunkAckDecoder;
import io.ferry.codec.CommitDecoder;
import io.ferry.codec.CommittedDecoder;
import io.ferry.codec.DataFrameEncoder;
import io.ferry.codec.HeartbeatEncoder;
import io.ferry.codec.HelloEncoder;
import io.ferry.codec.ManifestPartDecoder;
import io.ferry.codec.MessageGuard;
import io.ferry.codec.MessageHeaderEncoder;
import io.ferry.codec.RejectDecoder;
import io.ferry.codec.ResendRequestDecoder;
import io.ferry.codec.TransferAcceptDecoder;
import io.ferry.codec.TransferOfferDecoder;
import io.ferry.codec.WelcomeEncoder;

import io.aeron.logbuffer.Header;
import io.aeron.protocol.DataHeaderFlyweight;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and mutated frames fed to the control and data adapters of a real transport, whose link to "west" this
 * test brought up by playing west's side of the handshake, so that sealed frames reach the decoders too. No frame
 * may throw, and every frame must end in exactly one outcome: one drop counter, one listener call, or (on the
 * control stream) an accepted heartbeat or handshake. 1,000 tries × 500 frames × 2 adapters = 1,000,000 frames.
 */
class AdapterFuzzTest
{
    private static final int FRAMES_PER_TRY = 500;
    private static final int CONTROL_SESSION = 1001;
    private static final int DATA_SESSION = 1002;
    private static final int MAX_FRAME = 3000;

    private static Path dir;
    private static Transport transport;
    private static PeerLink link;
    private static TransportDrops drops;
    private static ControlAdapter controlAdapter;
    private static DataAdapter dataAdapter;
    private static CountingListener listener;
    private static FrameProtector controlSealer;
    private static FrameProtector dataSealer;
    private static final List<String> errors = new ArrayList<>();
    private static long controlFrames;
    private static long dataFrames;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[MAX_FRAME + FrameProtector.OVERHEAD]);
    private final byte[] message = new byte[MAX_FRAME];
    private final UnsafeBuffer messageBuffer = new UnsafeBuffer(message);
    private final byte[] sealed = new byte[MAX_FRAME + FrameProtector.OVERHEAD];
    private final List<byte[]> deliveredControl = new ArrayList<>();
    private final List<byte[]> deliveredData = new ArrayList<>();
    private final UnsafeBuffer headerBuffer = new UnsafeBuffer(new byte[DataHeaderFlyweight.HEADER_LENGTH]);
    private final Header header = new Header(0, 16).buffer(headerBuffer).offset(0);

    @BeforeContainer
    static void start() throws Exception
    {
        dir = Files.createTempDirectory("ferry-fuzz");
        final HubIdentity west = HubIdentity.generate();
        final TransportContext ctx = new TransportContext()
            .hubId("east")
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .listen("127.0.0.1", freeUdpPort())
            .identity(HubIdentity.generate())
            .peerPublicKey("west", west.publicKey())
            .addPeer(new PeerEndpoint("west", "127.0.0.1", freeUdpPort(), 1408, 1_000_000_000L, 1_000_000L))
            .conclude();
        transport = new Transport(ctx, ex -> errors.add(ex.toString()));
        link = transport.link("west");
        drops = new TransportDrops();
        listener = new CountingListener();
        controlAdapter = new ControlAdapter(transport, drops, SystemNanoClock.INSTANCE);
        controlAdapter.listener(listener);
        dataAdapter = new DataAdapter(transport, drops);
        dataAdapter.listener(listener);

        final KeyPair ephemeral = SessionKeys.newEphemeral();
        final byte[] ephemeralKey = SessionKeys.raw(ephemeral.getPublic());
        final long westNonce = 77;
        final long capabilities = Encryption.AES_256_GCM.capability();
        final byte[] transcript = HandshakeTranscript.build(
            HandshakeTranscript.HELLO, "west", "east", westNonce, 0, DATA_SESSION, capabilities, ephemeralKey);
        final UnsafeBuffer hello = new UnsafeBuffer(new byte[512]);
        final HelloEncoder encoder = new HelloEncoder().wrapAndApplyHeader(hello, 0, new MessageHeaderEncoder())
            .protocolVersion(HelloEncoder.SCHEMA_VERSION)
            .capabilities(capabilities)
            .nonce(westNonce)
            .dataSessionId(DATA_SESSION)
            .putEphemeralKey(ephemeralKey, 0, ephemeralKey.length)
            .putSignature(west.sign(transcript, 0, transcript.length), 0, HubIdentity.SIGNATURE_LENGTH)
            .hubId("west");
        final UnsafeBuffer headerBuffer = new UnsafeBuffer(new byte[DataHeaderFlyweight.HEADER_LENGTH]);
        headerBuffer.putInt(DataHeaderFlyweight.SESSION_ID_FIELD_OFFSET, CONTROL_SESSION, ByteOrder.LITTLE_ENDIAN);
        controlAdapter.onFragment(hello, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength(),
            new Header(0, 16).buffer(headerBuffer).offset(0));
        assertEquals(0, transport.drops().notAuthorizedCount(), errors.toString());

        final SessionKeys westKeys = SessionKeys.derive(
            "west", "east", westNonce, link.nonce(), ephemeral.getPrivate(), link.ephemeralKey());
        controlSealer =
            new FrameProtector(Encryption.AES_256_GCM, westKeys.sendControl(), TransportContext.CONTROL_STREAM_ID);
        dataSealer = new FrameProtector(Encryption.AES_256_GCM, westKeys.sendData(), TransportContext.DATA_STREAM_ID);
        usedHeapBefore = usedHeapAfterGc();
    }

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
    /** Average allocation a frame may cause: the JDK's AES-GCM state on opening is about 0.9 KB (docs/security.md). */
    private static final long MAX_AVERAGE_ALLOCATION_PER_FRAME = 4096;
    /** Growth of the heap in use after GC over the whole run that still counts as bounded (no retained state). */
    private static final long MAX_RETAINED_GROWTH = 32L * 1024 * 1024;
    private static long allocatedInAdapters;
    private static long usedHeapBefore;

    private static void recordAllocation(final long bytes)
    {
        allocatedInAdapters += bytes;
    }

    private static long usedHeapAfterGc()
    {
        System.gc();
        final Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @AfterContainer
    static void stop()
    {
        final TransportDrops own = transport.drops();
        System.out.printf("fuzzed %,d control and %,d data frames: %,d delivered to the listener, %,d data frames; " +
            "dropped unknown_session %,d, unknown_peer %,d, malformed %,d, wrong_schema %,d, not_authorized %,d, " +
            "bad_tag %,d, replayed %,d, crc %,d%n",
            controlFrames, dataFrames, listener.calls, listener.data,
            drops.unknownSessionCount() + own.unknownSessionCount(), own.unknownPeerCount(),
            drops.malformedCount() + own.malformedCount(), drops.wrongSchemaCount(), own.notAuthorizedCount(),
            drops.badTagCount(), drops.replayedCount(), link.counter(TransportCounter.CRC_DROPS));
        final long frames = controlFrames + dataFrames;
        final long averageAllocation = allocatedInAdapters / Math.max(1, frames);
        final long retainedGrowth = usedHeapAfterGc() - usedHeapBefore;
        final long backlog = link.controlBacklog();
        System.out.printf("adapters allocated %,d B for %,d frames (%,d B a frame on average); heap in use after GC " +
            "grew by %,d B; control backlog %,d B%n", allocatedInAdapters, frames, averageAllocation, retainedGrowth,
            backlog);
        CloseHelper.quietClose(transport);
        IoUtil.delete(dir.toFile(), true);
        // Memory stays bounded: a hostile frame costs a bounded amount on average, nothing is retained across a
        // million frames, and nothing the adapters do queues up without limit.
        assertTrue(averageAllocation <= MAX_AVERAGE_ALLOCATION_PER_FRAME,
            "fuzzed frames allocated " + averageAllocation + " bytes each on average");
        assertTrue(retainedGrowth <= MAX_RETAINED_GROWTH, "heap in use grew by " + retainedGrowth + " bytes");
        assertTrue(backlog <= 64 * 1024, "control outbox grew to " + backlog + " bytes");
    }

    @Property(tries = 1000)
    void everyControlFrameIsDroppedOrAcceptedExactlyOnce(@ForAll final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < FRAMES_PER_TRY; i++)
        {
            final int length = controlFrame(random);
            session(random.nextInt(8) == 0 ? random.nextInt() : CONTROL_SESSION);
            final long outcomesBefore = outcomes();
            final long heardBefore = link.counter(TransportCounter.CONTROL_RECEIVED);
            final long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            controlAdapter.onFragment(frame, 0, length, header);
            recordAllocation(THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore);
            controlFrames++;
            final long outcomes = outcomes() - outcomesBefore;
            if (0 == outcomes)
            {
                assertEquals(1, link.counter(TransportCounter.CONTROL_RECEIVED) - heardBefore,
                    "seed " + seed + " frame " + i + ": neither dropped, delivered nor heard");
            }
            else
            {
                assertEquals(1, outcomes, "seed " + seed + " frame " + i);
            }
        }
    }

    @Property(tries = 1000)
    void everyDataFrameIsDroppedOrDeliveredExactlyOnce(@ForAll final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < FRAMES_PER_TRY; i++)
        {
            final int length = dataFrame(random);
            session(random.nextInt(8) == 0 ? random.nextInt() : DATA_SESSION);
            final long outcomesBefore = outcomes();
            final long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            dataAdapter.onFragment(frame, 0, length, header);
            recordAllocation(THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore);
            dataFrames++;
            assertEquals(1, outcomes() - outcomesBefore, "seed " + seed + " frame " + i);
        }
        assertTrue(listener.data > 0, "no valid data frame reached the listener");
    }

    private int controlFrame(final SplittableRandom random)
    {
        switch (random.nextInt(6))
        {
            case 0:
                return randomBytes(random);
            case 1:
                return randomHandshake(random);
            case 2:
                return remember(deliveredControl, seal(controlSealer, randomControlMessage(random)));
            case 3:
                return mutate(random, seal(controlSealer, randomControlMessage(random)));
            case 4:
                return replay(random, deliveredControl);
            default:
                return randomBytesWithHeader(random);
        }
    }

    private int dataFrame(final SplittableRandom random)
    {
        switch (random.nextInt(5))
        {
            case 0:
                return randomBytes(random);
            case 1:
                return remember(deliveredData, seal(dataSealer, validDataMessage(random)));
            case 2:
                return mutate(random, seal(dataSealer, random.nextBoolean() ?
                    validDataMessage(random) : randomControlMessage(random)));
            case 3:
                return replay(random, deliveredData);
            default:
                return randomBytesWithHeader(random);
        }
    }

    private int randomBytes(final SplittableRandom random)
    {
        final int length = random.nextInt(200);
        for (int i = 0; i < length; i++)
        {
            frame.putByte(i, (byte)random.nextInt());
        }
        return length;
    }

    private int randomBytesWithHeader(final SplittableRandom random)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + random.nextInt(300);
        for (int i = 0; i < length; i++)
        {
            frame.putByte(i, (byte)random.nextInt());
        }
        new MessageHeaderEncoder().wrap(frame, 0)
            .blockLength(random.nextInt(64))
            .templateId(TEMPLATES[random.nextInt(TEMPLATES.length)])
            .schemaId(random.nextInt(16) == 0 ? random.nextInt(65536) : MessageHeaderEncoder.SCHEMA_ID)
            .version(random.nextInt(3));
        return length;
    }

    private int randomHandshake(final SplittableRandom random)
    {
        final byte[] key = new byte[32];
        final byte[] signature = new byte[HubIdentity.SIGNATURE_LENGTH];
        random.nextBytes(key);
        random.nextBytes(signature);
        final String hubId = random.nextBoolean() ? "west" : "hub-" + random.nextInt(64);
        final int length;
        if (random.nextBoolean())
        {
            length = MessageHeaderEncoder.ENCODED_LENGTH + new HelloEncoder()
                .wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
                .capabilities(random.nextInt(4)).nonce(random.nextLong()).dataSessionId(random.nextInt())
                .putEphemeralKey(key, 0, key.length).putSignature(signature, 0, signature.length)
                .hubId(hubId).encodedLength();
        }
        else
        {
            length = MessageHeaderEncoder.ENCODED_LENGTH + new WelcomeEncoder()
                .wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
                .capabilities(random.nextInt(4)).nonce(random.nextLong()).dataSessionId(random.nextInt())
                .helloNonce(random.nextLong()).putEphemeralKey(key, 0, key.length)
                .putSignature(signature, 0, signature.length).hubId(hubId).encodedLength();
        }
        return random.nextInt(4) == 0 ? random.nextInt(length + 1) : length;
    }

    private int randomControlMessage(final SplittableRandom random)
    {
        if (random.nextInt(4) == 0)
        {
            return MessageHeaderEncoder.ENCODED_LENGTH + new HeartbeatEncoder()
                .wrapAndApplyHeader(messageBuffer, 0, new MessageHeaderEncoder()).timestampNs(random.nextLong())
                .encodedLength();
        }
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + random.nextInt(200);
        for (int i = 0; i < length; i++)
        {
            message[i] = (byte)random.nextInt();
        }
        final int templateId = TEMPLATES[random.nextInt(TEMPLATES.length)];
        final int minBlock = Math.max(0, MessageGuard.minBlockLength(templateId));
        new MessageHeaderEncoder().wrap(messageBuffer, 0)
            .blockLength(minBlock + random.nextInt(8))
            .templateId(templateId)
            .schemaId(MessageHeaderEncoder.SCHEMA_ID)
            .version(1 + random.nextInt(2));
        return length;
    }

    private int validDataMessage(final SplittableRandom random)
    {
        final int payloadLength = random.nextInt(1200);
        final byte[] payload = new byte[payloadLength];
        random.nextBytes(payload);
        final CRC32C crc = new CRC32C();
        crc.update(payload);
        final DataFrameEncoder encoder = new DataFrameEncoder()
            .wrapAndApplyHeader(messageBuffer, 0, new MessageHeaderEncoder())
            .transferId(random.nextLong()).chunkIndex(random.nextInt()).fileIndex(random.nextInt())
            .fileOffset(random.nextLong())
            .crc32c(random.nextInt(16) == 0 ? random.nextInt() : (int)crc.getValue())
            .putPayload(payload, 0, payloadLength);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int seal(final FrameProtector sealer, final int messageLength)
    {
        final int length = sealer.seal(message, messageLength, sealed);
        frame.putBytes(0, sealed, 0, length);
        return length;
    }

    private int remember(final List<byte[]> delivered, final int length)
    {
        final byte[] copy = new byte[length];
        frame.getBytes(0, copy);
        if (delivered.size() < 64)
        {
            delivered.add(copy);
        }
        return length;
    }

    private int replay(final SplittableRandom random, final List<byte[]> delivered)
    {
        if (delivered.isEmpty())
        {
            return randomBytes(random);
        }
        final byte[] old = delivered.get(random.nextInt(delivered.size()));
        frame.putBytes(0, old);
        return old.length;
    }

    private int mutate(final SplittableRandom random, final int length)
    {
        switch (random.nextInt(4))
        {
            case 0:
                final int bit = random.nextInt(length * 8);
                frame.putByte(bit >>> 3, (byte)(frame.getByte(bit >>> 3) ^ (1 << (bit & 7))));
                return length;
            case 1:
                return random.nextInt(length);
            case 2:
                final int extra = 1 + random.nextInt(32);
                for (int i = 0; i < extra; i++)
                {
                    frame.putByte(length + i, (byte)random.nextInt());
                }
                return length + extra;
            default:
                final int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++)
                {
                    frame.putByte(random.nextInt(length), (byte)random.nextInt());
                }
                return length;
        }
    }

    private void session(final int sessionId)
    {
        headerBuffer.putInt(DataHeaderFlyweight.SESSION_ID_FIELD_OFFSET, sessionId, ByteOrder.LITTLE_ENDIAN);
    }

    private static long outcomes()
    {
        final TransportDrops own = transport.drops();
        return drops.unknownSessionCount() + drops.unknownPeerCount() + drops.malformedCount() +
            drops.wrongSchemaCount() + drops.notAuthorizedCount() + drops.badTagCount() + drops.replayedCount() +
            own.unknownSessionCount() + own.unknownPeerCount() + own.malformedCount() + own.wrongSchemaCount() +
            own.notAuthorizedCount() + own.badTagCount() + own.replayedCount() +
            link.counter(TransportCounter.CRC_DROPS) + listener.calls + listener.data;
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static final int[] TEMPLATES = {
        1, 2, 3, 10, 11, 12, 20, 21, 22, 30, 31, 40, 41, 50, 51, 60, 99 };

    /**
     * Counts what reaches the listener.
     */
    private static final class CountingListener implements TransportListener
    {
        long calls;
        long data;

        public void onPeerUp(final PeerLink link)
        {
        }

        public void onPeerDown(final PeerLink link)
        {
        }

        public void onOffer(final PeerLink link, final TransferOfferDecoder decoder)
        {
            calls++;
        }

        public void onManifestPart(final PeerLink link, final ManifestPartDecoder decoder)
        {
            calls++;
        }

        public void onAccept(final PeerLink link, final TransferAcceptDecoder decoder)
        {
            calls++;
        }

        public void onChunkAck(final PeerLink link, final ChunkAckDecoder decoder)
        {
            calls++;
        }

        public void onResendRequest(final PeerLink link, final ResendRequestDecoder decoder)
        {
            calls++;
        }

        public void onCommit(final PeerLink link, final CommitDecoder decoder)
        {
            calls++;
        }

        public void onCommitted(final PeerLink link, final CommittedDecoder decoder)
        {
            calls++;
        }

        public void onReject(final PeerLink link, final RejectDecoder decoder)
        {
            calls++;
        }

        public void onCancel(final PeerLink link, final CancelDecoder decoder)
        {
            calls++;
        }

        public void onData(
            final PeerLink link,
            final long transferId,
            final int chunkIndex,
            final int fileIndex,
            final long fileOffset,
            final ByteBuffer payload)
        {
            data++;
        }
    }
}
