package io.ferry.replication;

import io.ferry.replication.manifest.Manifest;
import io.ferry.replication.manifest.ManifestBuilder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared reader hands out the right bytes (frames inside a block, across a block boundary, at the end of a file,
 * resent from an evicted block), reads each block once while it is held, and reports a file that no longer matches
 * its manifest entry, by name, from then on.
 */
class ChunkReaderTest
{
    private static final int BLOCK = ChunkReader.BLOCK_LENGTH;

    @TempDir
    Path tmp;

    @Test
    void slicesMatchTheFileAndEachHeldBlockIsReadOnce() throws IOException
    {
        final long seed = System.nanoTime();
        final byte[] content = write("a.bin", 5 * BLOCK + 100, seed);
        final Manifest manifest = ManifestBuilder.build(tmp, 4 * 1024 * 1024);
        try (ChunkReader reader = new ChunkReader(tmp, manifest, 1))
        {
            final int frame = 8088;
            for (long offset = 0; offset < content.length; offset += frame)
            {
                final int length = (int)Math.min(frame, content.length - offset);
                assertSlice(content, reader.slice(0, offset, length, false), offset, length, seed);
            }
            assertEquals(content.length, reader.bytesRead(), "seed " + seed + ": one pass reads the file once");

            // The first block was evicted by the last four (four blocks for one target): a resend reads one frame.
            final long before = reader.bytesRead();
            assertSlice(content, reader.slice(0, 5 * frame, frame, true), 5 * frame, frame, seed);
            assertEquals(before + frame, reader.bytesRead(), "seed " + seed);

            // A frame across the boundary of two held blocks is assembled without reading.
            final long across = 3L * BLOCK - 1000;
            assertSlice(content, reader.slice(0, across, frame, false), across, frame, seed);
            assertEquals(before + frame, reader.bytesRead(), "seed " + seed + ": both blocks were held");

            // A second target reading the same held block does not read again.
            assertSlice(content, reader.slice(0, 5L * BLOCK, 100, false), 5L * BLOCK, 100, seed);
            assertEquals(before + frame, reader.bytesRead(), "seed " + seed);
        }
    }

    @Test
    void fileThatGrewIsReportedByNameAndStaysChanged() throws IOException
    {
        final long seed = System.nanoTime();
        write("a.bin", BLOCK, seed);
        write("b.bin", BLOCK, seed + 1);
        final Manifest manifest = ManifestBuilder.build(tmp, 4 * 1024 * 1024);
        Files.write(tmp.resolve("b.bin"), new byte[1], StandardOpenOption.APPEND);
        try (ChunkReader reader = new ChunkReader(tmp, manifest, 2))
        {
            final int b = manifest.entry(0).path().equals("b.bin") ? 0 : 1;
            final SourceChangedException first = assertThrows(SourceChangedException.class,
                () -> reader.slice(b, 0, 100, false));
            assertTrue(first.getMessage().contains("b.bin") && first.getMessage().contains("bytes"),
                first.getMessage());

            reader.slice(1 - b, 0, 100, false);
            final SourceChangedException again = assertThrows(SourceChangedException.class,
                () -> reader.slice(b, 0, 100, true));
            assertTrue(again.getMessage().contains("b.bin"), again.getMessage());
        }
    }

    private byte[] write(final String name, final int length, final long seed) throws IOException
    {
        final byte[] content = new byte[length];
        new Random(seed).nextBytes(content);
        Files.write(tmp.resolve(name), content);
        return content;
    }

    private static void assertSlice(
        final byte[] content, final ByteBuffer slice, final long offset, final int length, final long seed)
    {
        assertEquals(length, slice.remaining(), "seed " + seed + ": length at " + offset);
        final byte[] actual = new byte[length];
        slice.get(actual);
        final byte[] expected = new byte[length];
        System.arraycopy(content, (int)offset, expected, 0, length);
        assertArrayEquals(expected, actual, "seed " + seed + ": bytes at " + offset);
    }
}
