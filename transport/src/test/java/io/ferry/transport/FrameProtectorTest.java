package io.ferry.transport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameProtectorTest
{
    private static final int MAX_MESSAGE = 9000;

    private final SplittableRandom random = new SplittableRandom(42);
    private final byte[] key = bytes(32);
    private final byte[] message = bytes(MAX_MESSAGE);
    private final byte[] frame = new byte[MAX_MESSAGE + FrameProtector.OVERHEAD];
    private final byte[] opened = new byte[MAX_MESSAGE];

    @ParameterizedTest
    @EnumSource(Encryption.class)
    void openedFrameIsTheSealedMessage(final Encryption encryption)
    {
        final FrameProtector sender = new FrameProtector(encryption, key, TransportContext.DATA_STREAM_ID);
        final FrameProtector receiver = new FrameProtector(encryption, key, TransportContext.DATA_STREAM_ID);
        for (final int length : new int[]{ 0, 1, 40, 1336, MAX_MESSAGE })
        {
            final int frameLength = sender.seal(message, length, frame);
            assertEquals(length + FrameProtector.OVERHEAD, frameLength);
            assertEquals(length, receiver.open(frame, frameLength, opened));
            assertArrayEquals(Arrays.copyOf(message, length), Arrays.copyOf(opened, length));
        }
    }

    @ParameterizedTest
    @EnumSource(Encryption.class)
    void replayedFrameIsDroppedAndReorderedFrameInTheWindowAcceptedOnce(final Encryption encryption)
    {
        final FrameProtector sender = new FrameProtector(encryption, key, TransportContext.DATA_STREAM_ID);
        final FrameProtector receiver = new FrameProtector(encryption, key, TransportContext.DATA_STREAM_ID);
        final byte[][] frames = new byte[ReplayWindow.WINDOW_LENGTH + 2][];
        for (int i = 0; i < frames.length; i++)
        {
            frames[i] = Arrays.copyOf(frame, sender.seal(message, 100, frame));
        }

        assertEquals(100, receiver.open(frames[5], frames[5].length, opened));
        assertEquals(FrameProtector.REPLAYED, receiver.open(frames[5], frames[5].length, opened));
        assertEquals(100, receiver.open(frames[2], frames[2].length, opened), "older but within the window");
        assertEquals(FrameProtector.REPLAYED, receiver.open(frames[2], frames[2].length, opened));
        final int last = frames.length - 1;
        assertEquals(100, receiver.open(frames[last], frames[last].length, opened));
        assertEquals(FrameProtector.REPLAYED, receiver.open(frames[0], frames[0].length, opened), "below the window");
        assertEquals(100, receiver.open(frames[last - 1], frames[last - 1].length, opened));
        assertEquals(FrameProtector.REPLAYED, receiver.open(frames[last], frames[last].length, opened));
    }

    @ParameterizedTest
    @EnumSource(Encryption.class)
    void everySingleBitFlipIsDropped(final Encryption encryption)
    {
        final FrameProtector sender = new FrameProtector(encryption, key, TransportContext.DATA_STREAM_ID);
        final FrameProtector receiver = new FrameProtector(encryption, key, TransportContext.DATA_STREAM_ID);
        final int frameLength = sender.seal(message, 64, frame);
        for (int bit = 0; bit < frameLength * 8; bit++)
        {
            final byte[] flipped = Arrays.copyOf(frame, frameLength);
            flipped[bit >>> 3] ^= (byte)(1 << (bit & 7));
            final int result = receiver.open(flipped, frameLength, opened);
            assertTrue(result < 0, "bit " + bit + " flipped was accepted");
        }
        assertEquals(64, receiver.open(frame, frameLength, opened), "the intact frame still opens");
    }

    @ParameterizedTest
    @EnumSource(Encryption.class)
    void framesOfAnotherKeyOrStreamAreDropped(final Encryption encryption)
    {
        final FrameProtector sender = new FrameProtector(encryption, key, TransportContext.DATA_STREAM_ID);
        final int frameLength = sender.seal(message, 64, frame);

        assertEquals(FrameProtector.BAD_TAG, new FrameProtector(encryption, bytes(32), TransportContext.DATA_STREAM_ID)
            .open(frame, frameLength, opened));
        if (encryption == Encryption.AES_256_GCM)
        {
            final FrameProtector otherStream =
                new FrameProtector(encryption, key, TransportContext.CONTROL_STREAM_ID);
            assertEquals(FrameProtector.BAD_TAG, otherStream.open(frame, frameLength, opened));
        }
    }

    @ParameterizedTest
    @EnumSource(Encryption.class)
    void senderStopsAtItsFrameLimit(final Encryption encryption)
    {
        final FrameProtector sender = new FrameProtector(encryption, key, TransportContext.DATA_STREAM_ID, 3);
        for (int i = 0; i < 3; i++)
        {
            assertTrue(sender.seal(message, 10, frame) > 0);
        }
        assertEquals(FrameProtector.EXHAUSTED, sender.seal(message, 10, frame));
    }

    @org.junit.jupiter.api.Test
    void noneModeTagIsTruncatedHmacSha256() throws Exception
    {
        final FrameProtector sender = new FrameProtector(Encryption.NONE, key, TransportContext.DATA_STREAM_ID);
        final int frameLength = sender.seal(message, 500, frame);
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(frame, 0, frameLength - FrameProtector.TAG_LENGTH);

        assertArrayEquals(Arrays.copyOf(mac.doFinal(), FrameProtector.TAG_LENGTH),
            Arrays.copyOfRange(frame, frameLength - FrameProtector.TAG_LENGTH, frameLength));
    }

    /**
     * Bytes allocated per sealed and opened frame, after warm-up, over 100,000 frames of two sizes. HMAC mode
     * allocates nothing; AES-GCM allocates a constant amount per frame inside the JDK (see docs/security.md).
     */
    @ParameterizedTest
    @EnumSource(Encryption.class)
    void allocationPerFrame(final Encryption encryption)
    {
        final double small = allocatedPerFrame(encryption, 1336);
        final double large = allocatedPerFrame(encryption, 8120);
        System.out.printf("%s: %.1f B/frame at 1336 B, %.1f B/frame at 8120 B (seal + open)%n",
            encryption, small, large);
        if (encryption == Encryption.NONE)
        {
            assertEquals(0.0, small);
            assertEquals(0.0, large);
        }
        else
        {
            assertTrue(Math.abs(small - large) < 16,
                "GCM allocation must not grow with the frame: " + small + " " + large);
            assertTrue(small < 4096, "GCM allocation per frame: " + small);
        }
    }

    private double allocatedPerFrame(final Encryption encryption, final int length)
    {
        final FrameProtector sender = new FrameProtector(encryption, key, TransportContext.DATA_STREAM_ID);
        final FrameProtector receiver = new FrameProtector(encryption, key, TransportContext.DATA_STREAM_ID);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final int frames = 100_000;
        long checksum = 0;
        for (int i = 0; i < 20_000; i++)
        {
            checksum += receiver.open(frame, sender.seal(message, length, frame), opened);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < frames; i++)
        {
            checksum += receiver.open(frame, sender.seal(message, length, frame), opened);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals((long)length * (frames + 20_000), checksum);
        return allocated / (double)frames;
    }

    private byte[] bytes(final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
