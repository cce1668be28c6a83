package io.ferry.replication.manifest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.ferry.replication.manifest.RawManifestWriter.CHUNK_LENGTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ManifestBuilderTest
{
    private static final List<String> EXPECTED_PATHS = List.of(
        "a",
        "a/b",
        "a/b/deep.txt",
        "chunk-plus-one.bin",
        "données",
        "données/résumé ü.bin",
        "empty-dir",
        "empty.bin",
        "name with spaces.txt",
        "one-chunk.bin");
    private static final boolean[] EXPECTED_DIRECTORY =
        { true, true, false, false, true, false, true, false, false, false };
    private static final int[] EXPECTED_MODE = { 0750, 0755, 0644, 0600, 0755, 0640, 0700, 0600, 0644, 0755 };
    private static final long[] EXPECTED_SIZE = { 0, 0, 4, CHUNK_LENGTH + 1, 0, 1000, 0, 0, 6, CHUNK_LENGTH };
    private static final int[] EXPECTED_FIRST_CHUNK = { 0, 0, 0, 1, 3, 3, 4, 4, 4, 5 };
    private static final int[] EXPECTED_CHUNK_COUNT = { 0, 0, 1, 2, 0, 1, 0, 0, 1, 1 };

    @TempDir
    Path root;
    private long seed;

    @BeforeEach
    void createTree() throws IOException
    {
        seed = System.nanoTime();
        System.out.println("ManifestBuilderTest seed=" + seed);
        final Random random = new Random(seed);

        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/deep.txt"), "deep");
        Files.write(root.resolve("chunk-plus-one.bin"), randomBytes(random, CHUNK_LENGTH + 1));
        Files.createDirectories(root.resolve("données"));
        Files.write(root.resolve("données/résumé ü.bin"), randomBytes(random, 1000));
        Files.createDirectories(root.resolve("empty-dir"));
        Files.write(root.resolve("empty.bin"), new byte[0]);
        Files.writeString(root.resolve("name with spaces.txt"), "spaces");
        Files.write(root.resolve("one-chunk.bin"), randomBytes(random, CHUNK_LENGTH));

        for (int i = 0; i < EXPECTED_PATHS.size(); i++)
        {
            Files.setPosixFilePermissions(
                root.resolve(EXPECTED_PATHS.get(i)), PosixFilePermissions.fromString(rwx(EXPECTED_MODE[i])));
        }
    }

    @Test
    void listsEveryEntryInManifestOrderWithItsAttributes() throws IOException
    {
        final Manifest manifest = ManifestBuilder.build(root, CHUNK_LENGTH);

        assertEquals(CHUNK_LENGTH, manifest.chunkLength());
        assertEquals(EXPECTED_PATHS, manifest.entries().stream().map(ManifestEntry::path).toList());
        for (int i = 0; i < manifest.entryCount(); i++)
        {
            final ManifestEntry entry = manifest.entry(i);
            final String what = "seed " + seed + " entry " + entry.path();
            assertEquals(EXPECTED_DIRECTORY[i], entry.directory(), what);
            assertEquals(EXPECTED_MODE[i], entry.mode(), what);
            assertEquals(EXPECTED_SIZE[i], entry.size(), what);
            assertEquals(EXPECTED_FIRST_CHUNK[i], entry.firstChunk(), what);
            assertEquals(EXPECTED_CHUNK_COUNT[i], entry.chunkCount(), what);
            assertEquals(Files.getLastModifiedTime(root.resolve(entry.path())).toMillis(), entry.mtimeMs(), what);
        }
        assertEquals(6, manifest.fileCount());
        assertEquals(6, manifest.chunkCount());
        assertEquals(Arrays.stream(EXPECTED_SIZE).sum(), manifest.totalBytes());
    }

    @Test
    void chunkHashesEqualIndependentlyComputedSha256() throws Exception
    {
        final Manifest manifest = ManifestBuilder.build(root, CHUNK_LENGTH);
        final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");

        for (final ManifestEntry entry : manifest.entries())
        {
            if (entry.directory())
            {
                continue;
            }
            final byte[] content = Files.readAllBytes(root.resolve(entry.path()));
            for (int i = 0; i < entry.chunkCount(); i++)
            {
                final int from = i * CHUNK_LENGTH;
                final byte[] expected =
                    sha256.digest(Arrays.copyOfRange(content, from, Math.min(content.length, from + CHUNK_LENGTH)));
                final byte[] actual = new byte[Manifest.HASH_LENGTH];
                manifest.chunkHash(entry.firstChunk() + i, actual, 0);
                assertArrayEquals(expected, actual, "seed " + seed + " " + entry.path() + " chunk " + i);
            }
        }
    }

    @Test
    void hashingOnSeveralThreadsGivesTheSameManifestAsOneThread() throws Exception
    {
        final int bigChunks = 2 * ChunkHashWork.PIECE_CHUNKS + 3;
        final byte[] big = randomBytes(new Random(seed + 1), bigChunks * CHUNK_LENGTH - 7);
        Files.write(root.resolve("big.bin"), big);
        for (int i = 0; i < 40; i++)
        {
            Files.write(root.resolve("small-" + i + ".bin"), randomBytes(new Random(seed + 2 + i), 100 + i));
        }

        final Manifest serial = ManifestBuilder.build(root, CHUNK_LENGTH, 1);
        final Manifest parallel = ManifestBuilder.build(root, CHUNK_LENGTH, 3);

        assertEquals(serial.chunkCount(), parallel.chunkCount());
        assertArrayEquals(serial.digest(), parallel.digest(), "seed " + seed);
        final ManifestEntry bigEntry = parallel.entries().stream()
            .filter(e -> e.path().equals("big.bin")).findFirst().orElseThrow();
        assertEquals(bigChunks, bigEntry.chunkCount());
        final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < bigChunks; i++)
        {
            final int from = i * CHUNK_LENGTH;
            final byte[] expected = sha256.digest(Arrays.copyOfRange(big, from, Math.min(big.length, from + CHUNK_LENGTH)));
            final byte[] actual = new byte[Manifest.HASH_LENGTH];
            parallel.chunkHash(bigEntry.firstChunk() + i, actual, 0);
            assertArrayEquals(expected, actual, "seed " + seed + " big.bin chunk " + i);
        }
    }

    @Test
    void hashingOnSeveralThreadsReportsAFileThatChangedAfterListing() throws IOException
    {
        final Path big = root.resolve("big.bin");
        Files.write(big, randomBytes(new Random(seed + 1), 3 * ChunkHashWork.PIECE_CHUNKS * CHUNK_LENGTH));
        final List<SourceEntry> sources = SourceTree.list(root, ManifestLimits.defaults().maxPathBytes());
        Files.setLastModifiedTime(big, FileTime.fromMillis(Files.getLastModifiedTime(big).toMillis() - 60_000));
        final List<ManifestEntry> entries = new ArrayList<>();
        int firstChunk = 0;
        for (final SourceEntry source : sources)
        {
            final int chunks = (int)ManifestValidator.chunksFor(source.size(), CHUNK_LENGTH);
            entries.add(new ManifestEntry(source.relativePath(), source.directory(), source.mode(), source.size(),
                source.lastModified().toMillis(), firstChunk, chunks));
            firstChunk += chunks;
        }

        final ChunkHashWork work =
            new ChunkHashWork(sources, entries, CHUNK_LENGTH, new byte[firstChunk * Manifest.HASH_LENGTH]);
        final IOException ex = assertThrows(IOException.class, () -> work.run(2));
        assertEquals("source changed while hashing: " + big, ex.getMessage());
    }

    @Test
    void digestIsStableAcrossBuildsAndFollowsContent() throws IOException
    {
        final Manifest first = ManifestBuilder.build(root, CHUNK_LENGTH);
        final Manifest second = ManifestBuilder.build(root, CHUNK_LENGTH);
        assertArrayEquals(first.encoded(), second.encoded());
        assertEquals(first.digestHex(), second.digestHex());

        final Path changed = root.resolve("chunk-plus-one.bin");
        final FileTime mtime = Files.getLastModifiedTime(changed);
        final byte[] content = Files.readAllBytes(changed);
        content[CHUNK_LENGTH] ^= 1;
        Files.write(changed, content);
        // Restore the time so that only the content differs between the builds.
        Files.setLastModifiedTime(changed, mtime);

        final Manifest third = ManifestBuilder.build(root, CHUNK_LENGTH);
        assertFalse(first.digestHex().equals(third.digestHex()));
        assertEquals(first.entries(), third.entries());
        for (int chunk = 0; chunk < first.chunkCount(); chunk++)
        {
            final byte[] hash = new byte[Manifest.HASH_LENGTH];
            first.chunkHash(chunk, hash, 0);
            assertEquals(2 != chunk, third.chunkHashEquals(chunk, hash, 0), "chunk " + chunk);
        }
    }

    @Test
    void usesTheDefaultChunkLengthForSmallTrees() throws IOException
    {
        final Manifest manifest = ManifestBuilder.build(root, ManifestBuilder.DEFAULT_CHUNK_LENGTH);

        assertEquals(4 * 1024 * 1024, manifest.chunkLength());
        assertEquals(5, manifest.chunkCount());
    }

    @Test
    void buildsAnEmptyTree(@TempDir final Path empty) throws IOException
    {
        final Manifest manifest = ManifestBuilder.build(empty, CHUNK_LENGTH);

        assertEquals(0, manifest.entryCount());
        assertEquals(0, manifest.chunkCount());
    }

    @Test
    void refusesSymbolicLinks() throws IOException
    {
        final Path link = root.resolve("a/b/link");
        Files.createSymbolicLink(link, root.resolve("one-chunk.bin"));

        final IOException ex = assertThrows(IOException.class, () -> ManifestBuilder.build(root, CHUNK_LENGTH));
        assertEquals(link + ": is a symbolic link; ferry does not replicate links yet", ex.getMessage());
    }

    @Test
    void refusesFifos() throws Exception
    {
        final Path fifo = root.resolve("empty-dir/pipe");
        final Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assumeTrue(0 == mkfifo.waitFor(), "mkfifo is not available");

        final IOException ex = assertThrows(IOException.class, () -> ManifestBuilder.build(root, CHUNK_LENGTH));
        assertEquals(fifo + ": is a fifo; ferry replicates only regular files and directories", ex.getMessage());
    }

    @Test
    void refusesNamesATargetCouldNotAccept() throws IOException
    {
        final Path backslash = root.resolve("a/back\\slash");
        Files.createFile(backslash);

        final IOException ex = assertThrows(IOException.class, () -> ManifestBuilder.build(root, CHUNK_LENGTH));
        assertEquals(backslash + ": cannot be replicated: path contains a backslash", ex.getMessage());
    }

    @Test
    void refusesRootThatIsNotADirectory()
    {
        final Path file = root.resolve("empty.bin");

        final IOException ex = assertThrows(IOException.class, () -> ManifestBuilder.build(file, CHUNK_LENGTH));
        assertEquals(file + ": not a directory", ex.getMessage());
    }

    @Test
    void refusesPreferredChunkLengthsOutsideTheRules()
    {
        for (final int chunkLength : new int[]{ 0, CHUNK_LENGTH / 2, CHUNK_LENGTH + 1, 3 * CHUNK_LENGTH })
        {
            assertThrows(IllegalArgumentException.class, () -> ManifestBuilder.build(root, chunkLength));
        }
    }

    @Test
    void raisesChunkLengthUntilTheLargestFileFitsAGroup() throws IOException
    {
        final long fits = (long)Manifest.MAX_CHUNKS_PER_FILE * CHUNK_LENGTH;

        assertEquals(CHUNK_LENGTH, ManifestBuilder.chooseChunkLength(CHUNK_LENGTH, sizes(1, fits, 0)));
        assertEquals(2 * CHUNK_LENGTH, ManifestBuilder.chooseChunkLength(CHUNK_LENGTH, sizes(fits + 1)));
        assertEquals(32 << 20, ManifestBuilder.chooseChunkLength(4 << 20, sizes(1L << 40)));
        assertEquals(CHUNK_LENGTH, ManifestBuilder.chooseChunkLength(CHUNK_LENGTH, sizes()));
        assertEquals(Manifest.MAX_CHUNK_LENGTH, ManifestBuilder.chooseChunkLength(
            CHUNK_LENGTH, sizes((long)Manifest.MAX_CHUNKS_PER_FILE * Manifest.MAX_CHUNK_LENGTH)));
        assertThrows(IOException.class, () -> ManifestBuilder.chooseChunkLength(
            CHUNK_LENGTH, sizes((long)Manifest.MAX_CHUNKS_PER_FILE * Manifest.MAX_CHUNK_LENGTH + 1)));
    }

    private List<SourceEntry> sizes(final long... sizes)
    {
        final List<SourceEntry> entries = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++)
        {
            entries.add(new SourceEntry("f" + i, root.resolve("f" + i), false, 0644, sizes[i], FileTime.fromMillis(0)));
        }
        return entries;
    }

    private static byte[] randomBytes(final Random random, final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String rwx(final int mode)
    {
        final StringBuilder builder = new StringBuilder(9);
        for (int bit = 8; bit >= 0; bit--)
        {
            builder.append(0 == (mode & (1 << bit)) ? '-' : "rwx".charAt((8 - bit) % 3));
        }
        return builder.toString();
    }
}
