package io.ferry.replication.manifest;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.ferry.replication.manifest.ManifestPathRejectTest.decode;
import static io.ferry.replication.manifest.RawManifestWriter.CHUNK_LENGTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestLookupTest
{
    /** Chunked files separated by empty files and directories, which share the next file's first chunk index. */
    private static final RawManifestWriter TREE = new RawManifestWriter()
        .directory("d")
        .file("d/a", 2L * CHUNK_LENGTH + CHUNK_LENGTH / 2)
        .file("d/b", 0)
        .directory("d/c")
        .file("d/c/x", 0)
        .file("d/f", CHUNK_LENGTH)
        .file("d/g", 0)
        .file("e", CHUNK_LENGTH + 1)
        .file("z", 1);

    private static final int[] ENTRY_OF_CHUNK = { 1, 1, 1, 5, 7, 7, 8 };
    private static final long[] FILE_OFFSET_OF_CHUNK = { 0, CHUNK_LENGTH, 2L * CHUNK_LENGTH, 0, 0, CHUNK_LENGTH, 0 };
    private static final int[] LENGTH_OF_CHUNK =
        { CHUNK_LENGTH, CHUNK_LENGTH, CHUNK_LENGTH / 2, CHUNK_LENGTH, CHUNK_LENGTH, 1, 1 };

    @Test
    void mapsEveryChunkToItsFileOffsetAndLength() throws ManifestException
    {
        final Manifest manifest = decode(TREE.bytes());

        assertEquals(ENTRY_OF_CHUNK.length, manifest.chunkCount());
        for (int chunk = 0; chunk < manifest.chunkCount(); chunk++)
        {
            assertEquals(ENTRY_OF_CHUNK[chunk], manifest.entryIndexOfChunk(chunk), "entry of chunk " + chunk);
            assertEquals(FILE_OFFSET_OF_CHUNK[chunk], manifest.chunkFileOffset(chunk), "offset of chunk " + chunk);
            assertEquals(LENGTH_OF_CHUNK[chunk], manifest.chunkLengthOf(chunk), "length of chunk " + chunk);
        }
    }

    @Test
    void chunkLengthsOfAFileSumToItsSize() throws ManifestException
    {
        final Manifest manifest = decode(TREE.bytes());

        for (final ManifestEntry entry : manifest.entries())
        {
            long sum = 0;
            for (int chunk = entry.firstChunk(); chunk < entry.firstChunk() + entry.chunkCount(); chunk++)
            {
                sum += manifest.chunkLengthOf(chunk);
            }
            assertEquals(entry.size(), sum, entry.path());
        }
    }

    @Test
    void countsFilesBytesAndEntries() throws ManifestException
    {
        final Manifest manifest = decode(TREE.bytes());

        assertEquals(9, manifest.entryCount());
        assertEquals(7, manifest.fileCount());
        assertEquals(4L * CHUNK_LENGTH + CHUNK_LENGTH / 2 + 2, manifest.totalBytes());
        assertEquals("d/c/x", manifest.entry(4).path());
    }

    @Test
    void copiesAndComparesChunkHashes() throws ManifestException
    {
        final Manifest manifest = decode(TREE.bytes());
        final byte[] destination = new byte[Manifest.HASH_LENGTH + 3];

        manifest.chunkHash(4, destination, 3);

        final byte[] expected = RawManifestWriter.hashOf(4);
        assertArrayEquals(expected, Arrays.copyOfRange(destination, 3, destination.length));
        assertTrue(manifest.chunkHashEquals(4, destination, 3));
        assertFalse(manifest.chunkHashEquals(5, destination, 3));
        destination[3 + Manifest.HASH_LENGTH - 1] ^= 1;
        assertFalse(manifest.chunkHashEquals(4, destination, 3));
    }

    @Test
    void rejectsChunkIndicesOutsideTheManifest() throws ManifestException
    {
        final Manifest manifest = decode(TREE.bytes());
        final Manifest withoutChunks = decode(new RawManifestWriter().directory("d").file("d/empty", 0).bytes());

        assertThrows(IndexOutOfBoundsException.class, () -> manifest.entryIndexOfChunk(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> manifest.entryIndexOfChunk(7));
        assertThrows(IndexOutOfBoundsException.class, () -> manifest.chunkLengthOf(7));
        assertThrows(IndexOutOfBoundsException.class, () -> manifest.chunkHash(7, new byte[32], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> withoutChunks.entryIndexOfChunk(0));
    }

    @Test
    void entriesCannotBeModified() throws ManifestException
    {
        final Manifest manifest = decode(TREE.bytes());

        assertThrows(UnsupportedOperationException.class, () -> manifest.entries().remove(0));
    }
}
