package io.ferry.replication;

import io.ferry.replication.manifest.Manifest;
import io.ferry.replication.manifest.ManifestBuilder;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The target's reuse of its current version: which files are linked, which chunks copied, which left to be sent.
 */
class PreviousVersionReuseTest
{
    private static final int CHUNK = Manifest.MIN_CHUNK_LENGTH;

    @TempDir
    Path tmp;
    private Path root;
    private DatasetDirectory dataset;
    private Random random;
    private long seed;

    @BeforeEach
    void publishVersionOne() throws IOException
    {
        seed = System.nanoTime();
        random = new Random(seed);
        root = Files.createDirectories(tmp.resolve("root"));
        dataset = new DatasetDirectory(root);
        final Path v1 = Files.createDirectories(root.resolve("v1"));
        Files.createDirectories(v1.resolve("sub"));
        Files.write(v1.resolve("same.bin"), HubTestSupport.bytes(random, 5 * CHUNK + 10));
        Files.write(v1.resolve("edited.bin"), HubTestSupport.bytes(random, 6 * CHUNK));
        Files.write(v1.resolve("sub/touched.bin"), HubTestSupport.bytes(random, 3 * CHUNK + 1));
        Files.write(v1.resolve("empty"), new byte[0]);
        final Manifest manifest = ManifestBuilder.build(v1, CHUNK);
        dataset.recordManifest("v1", manifest.encoded());
        dataset.recordDigest("v1", manifest.digestHex());
        dataset.swapCurrent("v1", "test");
    }

    @Test
    void linksUnchangedFilesCopiesKnownChunksAndLeavesTheRestToBeSent() throws Exception
    {
        final Path source = copyOfVersionOne();
        final byte[] editedBefore = Files.readAllBytes(source.resolve("edited.bin"));
        final byte[] edited = editedBefore.clone();
        edited[2 * CHUNK + 17] ^= 0x5A;
        Files.write(source.resolve("edited.bin"), edited);
        Files.setLastModifiedTime(source.resolve("sub/touched.bin"), FileTime.fromMillis(1_600_000_000_000L));
        final byte[] fresh = HubTestSupport.bytes(random, 2 * CHUNK);
        System.arraycopy(Files.readAllBytes(source.resolve("same.bin")), 3 * CHUNK, fresh, CHUNK, CHUNK);
        Files.write(source.resolve("new.bin"), fresh);
        final Manifest next = ManifestBuilder.build(source, CHUNK);

        final PreviousVersionReuse reuse = PreviousVersionReuse.plan(dataset, next);
        final StagingArea staging = new StagingArea(dataset, 1, next);
        staging.prepare(reuse::linkSource);
        final BitSet held = reuse.holdChunks(staging);

        final List<String> paths = next.entries().stream().map(e -> e.path()).toList();
        final int same = paths.indexOf("same.bin");
        final int editedIndex = paths.indexOf("edited.bin");
        final int touched = paths.indexOf("sub/touched.bin");
        final int added = paths.indexOf("new.bin");
        assertTrue(staging.isLinked(same), "seed " + seed);
        assertTrue(staging.isLinked(paths.indexOf("empty")), "seed " + seed);
        assertFalse(staging.isLinked(editedIndex), "seed " + seed);
        assertFalse(staging.isLinked(touched), "a file with another mtime shares no inode with the old version");
        assertEquals(HubTestSupport.inode(root.resolve("v1/same.bin")), HubTestSupport.inode(staging.pathOf(same)));

        final BitSet expected = new BitSet();
        expected.set(next.entry(same).firstChunk(), next.entry(same).firstChunk() + 6);
        expected.set(next.entry(editedIndex).firstChunk(), next.entry(editedIndex).firstChunk() + 6);
        expected.clear(next.entry(editedIndex).firstChunk() + 2);
        expected.set(next.entry(touched).firstChunk(), next.entry(touched).firstChunk() + 4);
        expected.set(next.entry(added).firstChunk() + 1);
        assertEquals(expected, held, "seed " + seed + ": " + reuse);
        assertEquals("2 files linked (" + (5 * CHUNK + 10) + " bytes), 10 chunks copied (" + (9 * CHUNK + 1) +
            " bytes) from v1", reuse.toString());

        assertChunksEqual(source, staging, next, held);
        assertArrayEquals(editedBefore, Files.readAllBytes(root.resolve("v1/edited.bin")), "v1 was written");
    }

    @Test
    void oneChangedByteLeavesOnlyItsChunkToBeSent() throws Exception
    {
        final Path source = copyOfVersionOne();
        final byte[] edited = Files.readAllBytes(source.resolve("same.bin"));
        edited[edited.length - 3] ^= 1;
        Files.write(source.resolve("same.bin"), edited);
        final Manifest next = ManifestBuilder.build(source, CHUNK);

        final BitSet held = hold(next);

        final BitSet sent = new BitSet();
        sent.set(0, next.chunkCount());
        sent.andNot(held);
        assertEquals(1, sent.cardinality(), "seed " + seed);
        assertEquals(10, next.chunkLengthOf(sent.nextSetBit(0)), "only the last, 10-byte chunk of same.bin is sent");
    }

    @Test
    void aCorruptManifestOfTheCurrentVersionMeansNoReuse() throws Exception
    {
        final Path record = root.resolve(".ferry/published/v1.manifest");
        final byte[] bytes = Files.readAllBytes(record);
        bytes[bytes.length - 40] ^= 1;
        Files.write(record, bytes);
        final Manifest next = ManifestBuilder.build(copyOfVersionOne(), CHUNK);

        final PreviousVersionReuse reuse = PreviousVersionReuse.plan(dataset, next);
        for (int i = 0; i < next.entryCount(); i++)
        {
            assertNull(reuse.linkSource(i));
        }
        assertTrue(hold(next).isEmpty());
    }

    @Test
    void anInsertionInTheMiddleOfAFileResendsEveryLaterChunk() throws Exception
    {
        final byte[] original = publishOneFile(64);
        final byte[] inserted = new byte[original.length + 100];
        final int middle = original.length / 2 + 5;
        System.arraycopy(original, 0, inserted, 0, middle);
        System.arraycopy(original, middle, inserted, middle + 100, original.length - middle);

        final BitSet held = holdOneFile(inserted, "100 bytes inserted in the middle of");

        assertEquals(32, held.cardinality(), "seed " + seed + ": every chunk before the insertion is held");
    }

    @Test
    void anAppendResendsOnlyTheTail() throws Exception
    {
        final byte[] original = publishOneFile(64);
        final byte[] appended = Arrays.copyOf(original, original.length + CHUNK / 2);
        System.arraycopy(HubTestSupport.bytes(random, CHUNK / 2), 0, appended, original.length, CHUNK / 2);

        final BitSet held = holdOneFile(appended, "half a chunk appended to");

        assertEquals(64, held.cardinality(), "seed " + seed + ": every chunk before the append is held");
    }

    private byte[] publishOneFile(final int chunks) throws IOException
    {
        final byte[] content = HubTestSupport.bytes(random, chunks * CHUNK);
        final Path version = Files.createDirectories(root.resolve("one-file"));
        Files.write(version.resolve("big.bin"), content);
        final Manifest published = ManifestBuilder.build(version, CHUNK);
        dataset.recordManifest("one-file", published.encoded());
        dataset.recordDigest("one-file", published.digestHex());
        dataset.swapCurrent("one-file", "test");
        return content;
    }

    private BitSet holdOneFile(final byte[] content, final String change) throws Exception
    {
        final Path source = Files.createDirectories(tmp.resolve("changed"));
        Files.write(source.resolve("big.bin"), content);
        final Manifest next = ManifestBuilder.build(source, CHUNK);
        final BitSet held = hold(next);
        long sentBytes = 0;
        for (int c = held.nextClearBit(0); c < next.chunkCount(); c = held.nextClearBit(c + 1))
        {
            sentBytes += next.chunkLengthOf(c);
        }
        System.out.printf("fixed chunks, %s a 64-chunk file: %d of %d chunks held, %d of %d bytes sent (%.1f %%)%n",
            change, held.cardinality(), next.chunkCount(), sentBytes, content.length,
            100.0 * sentBytes / content.length);
        return held;
    }

    private BitSet hold(final Manifest next) throws Exception
    {
        final PreviousVersionReuse reuse = PreviousVersionReuse.plan(dataset, next);
        final StagingArea staging = new StagingArea(dataset, 2, next);
        staging.prepare(reuse::linkSource);
        return reuse.holdChunks(staging);
    }

    private Path copyOfVersionOne() throws IOException
    {
        final Path from = root.resolve("v1");
        final Path to = tmp.resolve("source");
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path path : paths.toList())
            {
                Files.copy(path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }

    private static void assertChunksEqual(
        final Path source, final StagingArea staging, final Manifest next, final BitSet held) throws IOException
    {
        for (int c = held.nextSetBit(0); c >= 0; c = held.nextSetBit(c + 1))
        {
            final int entry = next.entryIndexOfChunk(c);
            final int offset = (int)next.chunkFileOffset(c);
            final int length = next.chunkLengthOf(c);
            final byte[] expected = Files.readAllBytes(source.resolve(next.entry(entry).path()));
            final byte[] actual = Files.readAllBytes(staging.pathOf(entry));
            assertArrayEquals(Arrays.copyOfRange(expected, offset, offset + length),
                Arrays.copyOfRange(actual, offset, offset + length), "chunk " + c);
        }
    }
}
