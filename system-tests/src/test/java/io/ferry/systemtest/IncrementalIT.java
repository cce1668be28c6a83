package io.ferry.systemtest;

import io.ferry.ops.demo.TreeComparison;
import io.ferry.replication.manifest.ManifestBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 1 GiB version v1 is replicated, then v2 with one byte flipped in 1 % of its 4 MiB chunks (chosen by seed): v2
 * commits byte-identical while east sends at most 3 % of v1's bytes and at least the changed chunks, files without a
 * changed chunk share their inode with v1 on west, v1 stays intact, and a reader of {@code current} never sees a
 * partial version.
 */
class IncrementalIT
{
    private static final long SEED = Long.getLong("ferry.test.seed", System.nanoTime());
    private static final long SIZE = Long.getLong("ferry.test.incremental.bytes", 1L << 30);
    private static final int CHUNK_LENGTH = ManifestBuilder.DEFAULT_CHUNK_LENGTH;
    private static final double CHANGED_CHUNK_FRACTION = 0.01;
    private static final double MAX_SENT_RATIO = 0.03;

    @TempDir
    static Path base;

    @Test
    void secondVersionWithOnePercentOfChunksChangedSendsAtMostThreePercent() throws Exception
    {
        System.out.println("IncrementalIT seed " + SEED + ", " + SIZE + " bytes, chunks of " + CHUNK_LENGTH);
        final Path v1Source = base.resolve("v1-source");
        final Map<String, Long> listing = CurrentReader.generateDataset(v1Source, SIZE, 48, SEED);

        try (HubMesh hubs = new HubMesh(base, List.of("east", "west"), List.of()))
        {
            final Path root = hubs.datasetRoot("west", "demo");
            try (CurrentReader reader = CurrentReader.start(root, Map.of("v1", listing, "v2", listing)))
            {
                final long v1Sent = replicate(hubs, v1Source, "v1");

                final Path v2Source = base.resolve("v2-source");
                final ChangedFiles changed = changeChunks(v1Source, v2Source, new Random(SEED));
                assertEquals(listing, CurrentReader.listFiles(v2Source), "v2 keeps v1's paths and sizes");
                final long v2Sent = replicate(hubs, v2Source, "v2");

                System.out.printf("IncrementalIT: v1 sent %d bytes; v2 changed %d of %d chunks (%d bytes in %d " +
                    "files) and sent %d bytes = %.2f %% of v1 (seed %d)%n", v1Sent, changed.chunks, changed.chunksTotal,
                    changed.bytes, changed.paths.size(), v2Sent, 100.0 * v2Sent / v1Sent, SEED);
                assertTrue(v2Sent <= MAX_SENT_RATIO * v1Sent,
                    "v2 sent " + v2Sent + " bytes, more than 3 % of v1's " + v1Sent + " (seed " + SEED + ")");
                assertTrue(v2Sent >= changed.bytes,
                    "v2 sent " + v2Sent + " bytes, less than its changed chunks' " + changed.bytes + " (seed " + SEED + ")");

                assertEquals(Path.of("v2"), Files.readSymbolicLink(root.resolve("current")));
                assertTreeEquals(v2Source, root.resolve("v2"));
                assertTreeEquals(v1Source, root.resolve("v1"));
                assertLinkedExactlyTheUnchangedFiles(root, listing, changed);
                Await.until(() -> reader.observations() > 0, 30, () -> "the reader saw a published version");
                assertTrue(reader.violations().isEmpty(), "seed " + SEED + ": " + reader.violations());
            }
        }
    }

    private static long replicate(final HubMesh hubs, final Path source, final String version)
    {
        final long sentBefore = hubs.peerCounter("east", "bytes_sent");
        final JsonNode done =
            hubs.awaitTerminal("east", hubs.replicate("east", source, "demo", version, "dataset", "west"), 600);
        assertEquals("COMMITTED", done.path("state").asText(), version + ", seed " + SEED + ": " + done);
        return hubs.peerCounter("east", "bytes_sent") - sentBefore;
    }

    private static void assertTreeEquals(final Path source, final Path replica) throws IOException
    {
        final TreeComparison comparison = TreeComparison.compare(source, replica);
        assertTrue(comparison.matches(), replica + ", seed " + SEED + ": " + comparison.problems());
        assertEquals(SIZE, comparison.bytes(), replica.toString());
    }

    private static void assertLinkedExactlyTheUnchangedFiles(
        final Path root, final Map<String, Long> listing, final ChangedFiles changed) throws IOException
    {
        int linked = 0;
        for (final Map.Entry<String, Long> entry : listing.entrySet())
        {
            if (entry.getValue() < 0)
            {
                continue;
            }
            final Object v1Inode = inode(root.resolve("v1").resolve(entry.getKey()));
            final Object v2Inode = inode(root.resolve("v2").resolve(entry.getKey()));
            if (changed.paths.contains(entry.getKey()))
            {
                assertNotEquals(v1Inode, v2Inode, entry.getKey() + " changed but shares v1's inode");
            }
            else
            {
                assertEquals(v1Inode, v2Inode, entry.getKey() + " unchanged but not linked to v1 (seed " + SEED + ")");
                linked++;
            }
        }
        System.out.println("IncrementalIT: " + linked + " unchanged files share their inode with v1");
    }

    private static Object inode(final Path file) throws IOException
    {
        return Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Build v2 beside v1: a file with a chosen chunk is copied and one byte of each chosen chunk flipped, every other
     * file is hard-linked to v1's, so it keeps its mtime and mode.
     */
    private static ChangedFiles changeChunks(final Path v1, final Path v2, final Random random) throws IOException
    {
        final TreeMap<String, Long> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(v1))
        {
            for (final Path path : paths.toList())
            {
                final Path target = v2.resolve(v1.relativize(path).toString());
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    files.put(v1.relativize(path).toString(), Files.size(path));
                }
            }
        }

        final List<Chunk> chunks = new ArrayList<>();
        for (final Map.Entry<String, Long> file : files.entrySet())
        {
            for (long start = 0; start < file.getValue(); start += CHUNK_LENGTH)
            {
                chunks.add(new Chunk(file.getKey(), start, Math.min(CHUNK_LENGTH, file.getValue() - start)));
            }
        }
        final int toChange = (int)Math.ceil(CHANGED_CHUNK_FRACTION * chunks.size());
        final TreeSet<Integer> chosen = new TreeSet<>();
        while (chosen.size() < toChange)
        {
            chosen.add(random.nextInt(chunks.size()));
        }

        final ChangedFiles changed = new ChangedFiles(chunks.size());
        for (final int index : chosen)
        {
            final Chunk chunk = chunks.get(index);
            final Path target = v2.resolve(chunk.file);
            if (changed.paths.add(chunk.file))
            {
                Files.copy(v1.resolve(chunk.file), target, StandardCopyOption.COPY_ATTRIBUTES);
            }
            flipByte(target, chunk.start + (long)(random.nextDouble() * chunk.length));
            changed.chunks++;
            changed.bytes += chunk.length;
        }
        for (final String file : files.keySet())
        {
            if (!changed.paths.contains(file))
            {
                Files.createLink(v2.resolve(file), v1.resolve(file));
            }
        }
        return changed;
    }

    private static void flipByte(final Path file, final long position) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position);
            final int value = raf.read();
            raf.seek(position);
            raf.write(~value);
        }
    }

    private record Chunk(String file, long start, long length)
    {
    }

    private static final class ChangedFiles
    {
        final TreeSet<String> paths = new TreeSet<>();
        final int chunksTotal;
        int chunks;
        long bytes;

        ChangedFiles(final int chunksTotal)
        {
            this.chunksTotal = chunksTotal;
        }
    }
}
