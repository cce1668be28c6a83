package io.ferry.replication.manifest;

import io.ferry.codec.ManifestEntryEncoder;
import io.ferry.codec.ManifestHeaderEncoder;
import io.ferry.codec.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

import static io.ferry.replication.manifest.ManifestPathRejectTest.assertRejected;
import static io.ferry.replication.manifest.ManifestPathRejectTest.decode;
import static io.ferry.replication.manifest.RawManifestWriter.CHUNK_LENGTH;
import static io.ferry.replication.manifest.RawManifestWriter.DIRECTORY;
import static io.ferry.replication.manifest.RawManifestWriter.FILE;
import static io.ferry.replication.manifest.RawManifestWriter.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class ManifestDecodeRejectTest
{
    /** Where the first entry starts in a manifest written at the current version. */
    private static final int FIRST_ENTRY_OFFSET =
        MessageHeaderEncoder.ENCODED_LENGTH + ManifestHeaderEncoder.BLOCK_LENGTH;

    @Test
    void rejectsFileWithTooFewChunks()
    {
        assertRejected(new RawManifestWriter().file("a", CHUNK_LENGTH + 1, 1).bytes(),
            "entry 0 \"a\": has 1 chunks, but 65537 bytes in chunks of 65536 need 2");
    }

    @Test
    void rejectsFileWithTooManyChunks()
    {
        assertRejected(new RawManifestWriter().file("a", CHUNK_LENGTH, 2).bytes(),
            "entry 0 \"a\": has 2 chunks, but 65536 bytes in chunks of 65536 need 1");
    }

    @Test
    void rejectsEmptyFileWithChunk()
    {
        assertRejected(new RawManifestWriter().file("a", 0, 1).bytes(),
            "entry 0 \"a\": has 1 chunks, but 0 bytes in chunks of 65536 need 0");
    }

    @Test
    void rejectsDirectoryWithSizeOrChunks()
    {
        assertRejected(new RawManifestWriter().entry(DIRECTORY, 0755, 5, 0, 0, utf8("d")).bytes(),
            "entry 0 \"d\": directory has size 5");
        assertRejected(new RawManifestWriter().entry(DIRECTORY, 0755, 0, 0, 1, utf8("d")).bytes(),
            "entry 0 \"d\": directory has 1 chunks");
    }

    @Test
    void rejectsNegativeSize()
    {
        assertRejected(new RawManifestWriter().entry(FILE, 0644, -1, 0, 0, utf8("a")).totalBytes(0).bytes(),
            "entry 0 \"a\": size is negative (-1)");
    }

    @Test
    void rejectsChunksThatAreNotContiguous()
    {
        assertRejected(new RawManifestWriter().file("a", 10).entry(FILE, 0644, 10, 2, 1, utf8("b")).bytes(),
            "entry 1 \"b\": first chunk is 2, expected 1 (chunks are numbered contiguously in entry order)");
        assertRejected(new RawManifestWriter().file("a", 10).entry(DIRECTORY, 0755, 0, 0, 0, utf8("d")).bytes(),
            "entry 1 \"d\": first chunk is 0, expected 1 (chunks are numbered contiguously in entry order)");
    }

    @Test
    void rejectsModeBitsBeyondPermissions()
    {
        assertRejected(new RawManifestWriter().entry(FILE, 04755, 0, 0, 0, utf8("a")).bytes(),
            "entry 0 \"a\": mode 04755 has bits beyond 0777");
        assertRejected(new RawManifestWriter().entry(DIRECTORY, 01777, 0, 0, 0, utf8("a")).bytes(),
            "entry 0 \"a\": mode 01777 has bits beyond 0777");
    }

    @Test
    void rejectsUnknownEntryType()
    {
        assertRejected(new RawManifestWriter().entry(2, 0644, 0, 0, 0, utf8("a")).bytes(),
            "entry 0 \"a\": unknown entry type 2");
    }

    @Test
    void rejectsHeaderTotalBytesDifferentFromSumOfSizes()
    {
        assertRejected(new RawManifestWriter().file("a", 10).file("b", 0).totalBytes(11).bytes(),
            "header says totalBytes 11 but the file sizes sum to 10");
    }

    @Test
    void rejectsHeaderChunkCountDifferentFromEntries()
    {
        final String longName = "f".repeat(100);
        final RawManifestWriter roomForForgedCounts = new RawManifestWriter().directory("d").file(longName, 10);
        assertRejected(roomForForgedCounts.chunkCount(2).bytes(), "header says 2 chunks but the entries have 1");
        assertRejected(roomForForgedCounts.chunkCount(0).bytes(),
            "entry 1 \"" + longName + "\": chunks 0..0 exceed the header's chunk count 0");
    }

    @Test
    void rejectsHeaderEntryCountDifferentFromEntries()
    {
        final RawManifestWriter twoEntries = new RawManifestWriter().directory("d").file("d/f", 3);
        final int lastEntryLength = ManifestCodec.MIN_ENTRY_LENGTH + Manifest.HASH_LENGTH + 3;
        assertRejected(twoEntries.entryCount(1).bytes(),
            lastEntryLength + " trailing bytes after the last of 1 entries");
        assertRejected(twoEntries.entryCount(3).bytes(), "header claims 3 entries and 1 chunks, which need at " +
            "least 155 bytes, but only " + (ManifestCodec.MIN_ENTRY_LENGTH + 1 + lastEntryLength) + " follow");
    }

    @Test
    void rejectsCountsBeyondLimitsBeforeAllocating()
    {
        assertRejected(new RawManifestWriter().entryCount(10_000_001).bytes(),
            "entry count 10000001 outside 0..10000000");
        assertRejected(new RawManifestWriter().entryCount(-1).bytes(), "entry count -1 outside 0..10000000");
        assertRejected(new RawManifestWriter().chunkCount(64 << 20).bytes(),
            "header claims 0 entries and 67108864 chunks, which need at least 2147483648 bytes, but only 0 follow");
        assertRejected(new RawManifestWriter().totalBytes(-5).bytes(), "totalBytes -5 outside 0..1125899906842624");
    }

    @Test
    void rejectsChunkLengthThatIsNotAPowerOfTwoInRange()
    {
        for (final int chunkLength : new int[]{ 0, 100_000, CHUNK_LENGTH / 2, Integer.MIN_VALUE, 3 << 28 })
        {
            assertRejected(new RawManifestWriter().chunkLength(chunkLength).bytes(), "chunk length " + chunkLength +
                " is not a power of two between 65536 and 1073741824");
        }
    }

    @Test
    void rejectsManifestsBeyondCallerLimits()
    {
        final byte[] manifest = new RawManifestWriter().directory("d").file("d/f", 2L * CHUNK_LENGTH).bytes();

        assertRejectedWithin(manifest, new ManifestLimits(1, 1L << 40, 4096, 100), "entry count 2 outside 0..1");
        assertRejectedWithin(manifest, new ManifestLimits(10, 1L << 40, 4096, 1), "chunk count 2 outside 0..1");
        assertRejectedWithin(manifest, new ManifestLimits(10, CHUNK_LENGTH, 4096, 100),
            "totalBytes 131072 outside 0..65536");
        assertRejectedWithin(manifest, new ManifestLimits(10, 1L << 40, 2, 100),
            "entry 1: path is 3 bytes, longer than the limit of 2");
    }

    @Test
    void rejectsWrongSchemaVersionOrTemplate()
    {
        final byte[] valid = new RawManifestWriter().directory("d").bytes();

        assertRejected(patchShort(valid, 4, 7422), "manifest header at offset 0: schema id is not ferry's (7421)");
        assertRejected(patchShort(valid, FIRST_ENTRY_OFFSET + 4, 1),
            "entry 0 at offset " + FIRST_ENTRY_OFFSET + ": schema id is not ferry's (7421)");
        assertRejected(patchShort(valid, 6, 0), "manifest header at offset 0: unsupported schema version");
        assertRejected(patchShort(valid, 2, ManifestEntryEncoder.TEMPLATE_ID),
            "manifest header at offset 0: message shorter than its header or block");
        assertRejected(patchShort(valid, FIRST_ENTRY_OFFSET + 2, ManifestHeaderEncoder.TEMPLATE_ID),
            "entry 0 at offset " + FIRST_ENTRY_OFFSET + ": template 50, expected 51");
    }

    @Test
    void rejectsBlocksShorterThanTheSchemaDefines()
    {
        final byte[] valid = new RawManifestWriter().file("f", 1).bytes();
        final int hashGroupOffset = FIRST_ENTRY_OFFSET + MessageHeaderEncoder.ENCODED_LENGTH +
            ManifestEntryEncoder.BLOCK_LENGTH;

        assertRejected(patchShort(valid, 0, 19), "manifest header at offset 0: message shorter than its header or block");
        assertRejected(patchShort(valid, FIRST_ENTRY_OFFSET, 24),
            "entry 0 at offset " + FIRST_ENTRY_OFFSET + ": message shorter than its header or block");
        assertRejected(patchShort(valid, hashGroupOffset, 31),
            "entry 0: chunk hash block length 31 is shorter than 32");
    }

    @Test
    void rejectsPathLengthBeyondTheBytes()
    {
        final byte[] valid = new RawManifestWriter().directory("dir").bytes();
        final int pathLengthOffset = valid.length - 3 - 4;
        final UnsafeBuffer buffer = new UnsafeBuffer(valid.clone());

        buffer.putInt(pathLengthOffset, -1, ByteOrder.LITTLE_ENDIAN);
        assertRejected(buffer.byteArray(), "entry 0: path is 4294967295 bytes, longer than the limit of 4096");
        buffer.putInt(pathLengthOffset, 4, ByteOrder.LITTLE_ENDIAN);
        assertRejected(buffer.byteArray(), "entry 0: truncated, path needs 4 bytes at offset " +
            (pathLengthOffset + 4) + " but the manifest is " + valid.length + " bytes");
    }

    @Test
    void rejectsTrailingGarbage()
    {
        final byte[] valid = new RawManifestWriter().directory("d").file("d/f", 5).bytes();

        assertRejected(Arrays.copyOf(valid, valid.length + 1), "1 trailing bytes after the last of 2 entries");
    }

    @Test
    void rejectsTruncationAtEveryOffset() throws ManifestException
    {
        final byte[] valid = new RawManifestWriter()
            .directory("données")
            .file("données/résumé ü.bin", CHUNK_LENGTH + 1)
            .file("données/vide", 0)
            .directory("z")
            .bytes();
        assertEquals(4, decode(valid).entryCount());

        for (int length = 0; length < valid.length; length++)
        {
            try
            {
                ManifestCodec.decode(valid, length, ManifestLimits.defaults());
                fail("decoded a manifest truncated to " + length + " of " + valid.length + " bytes");
            }
            catch (final ManifestException expected)
            {
                assertTrue(expected.getMessage().length() > 0);
            }
        }
    }

    @Test
    void randomCorruptionEitherDecodesOrThrowsManifestException()
    {
        final long seed = System.nanoTime();
        System.out.println("randomCorruptionEitherDecodesOrThrowsManifestException seed=" + seed);
        final Random random = new Random(seed);
        final byte[] valid = new RawManifestWriter()
            .directory("a")
            .file("a/b", 3L * CHUNK_LENGTH - 1)
            .directory("a/c")
            .file("a/c/d", 0)
            .file("e", 1)
            .bytes();

        // One million inputs: mutated valid manifests, and (every fourth round) random bytes of random length.
        for (int round = 0; round < 1_000_000; round++)
        {
            final byte[] corrupt;
            if ((round & 3) == 3)
            {
                corrupt = new byte[random.nextInt(2 * valid.length)];
                random.nextBytes(corrupt);
            }
            else
            {
                corrupt = valid.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--)
                {
                    corrupt[random.nextInt(corrupt.length)] = (byte)random.nextInt(256);
                }
            }
            try
            {
                decode(corrupt);
            }
            catch (final ManifestException expected)
            {
                assertTrue(expected.getMessage().length() > 0);
            }
            catch (final RuntimeException ex)
            {
                throw new AssertionError("seed " + seed + " round " + round + ": " + ex, ex);
            }
        }
    }

    private static void assertRejectedWithin(final byte[] manifest, final ManifestLimits limits, final String message)
    {
        final ManifestException ex =
            assertThrows(ManifestException.class, () -> ManifestCodec.decode(manifest, manifest.length, limits));
        assertEquals(message, ex.getMessage());
    }

    private static byte[] patchShort(final byte[] bytes, final int offset, final int value)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes.clone());
        buffer.putShort(offset, (short)value, ByteOrder.LITTLE_ENDIAN);
        return buffer.byteArray();
    }
}
