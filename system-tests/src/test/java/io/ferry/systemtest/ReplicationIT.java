package io.ferry.systemtest;

import io.ferry.ops.demo.DemoDataset;
import io.ferry.ops.demo.TreeComparison;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two ferryd processes on loopback; every replication goes through east's HTTP API and is checked on west's disk.
 */
class ReplicationIT
{
    private static final long SEED = Long.getLong("ferry.test.seed", System.nanoTime());

    @TempDir
    static Path base;

    private static HubMesh hubs;

    @BeforeAll
    static void startHubs() throws IOException
    {
        System.out.println("ReplicationIT seed " + SEED);
        hubs = new HubMesh(base, List.of("east", "west"), List.of("beta", "gamma"));
    }

    @AfterAll
    static void stopHubs()
    {
        if (null != hubs)
        {
            hubs.close();
        }
    }

    @Test
    void replicatesThroughTheApiAndEveryFileMatchesInContentSizeAndMode() throws IOException
    {
        final Path source = base.resolve("alpha-src");
        final long bytes = DemoDataset.generate(source, 48L << 20, 150, SEED);
        varyModes(source);

        final JsonNode submitted = hubs.replicate("east", source, "demo", "full-1", "dataset", "west");
        assertEquals("QUEUED", submitted.path("state").asText());
        final JsonNode done = hubs.awaitTerminal("east", submitted, 120);

        assertEquals("COMMITTED", done.path("state").asText(), "seed " + SEED + ": " + done);
        assertEquals(bytes, done.path("bytes_total").asLong());
        assertEquals(bytes, done.path("bytes_done").asLong());
        assertEquals("COMMITTED", done.path("targets").get(0).path("state").asText());

        final Path root = hubs.datasetRoot("west", "demo");
        final TreeComparison comparison = TreeComparison.compare(source, root.resolve("full-1"));
        assertTrue(comparison.matches(), "seed " + SEED + ": " + comparison.problems());
        assertEquals(150, comparison.files());
        assertEquals(Path.of("full-1"), Files.readSymbolicLink(root.resolve("current")));
        assertFalse(HubMesh.hasStaging(root), "staging left behind under " + root);

        final JsonNode datasets = hubs.api("west").get("/v1/datasets").path("datasets");
        assertEquals("full-1", find(datasets, "demo").path("current").asText());
    }

    @Test
    void secondVersionWithOneChangedFilePublishesWhileTheFirstStaysReadable() throws IOException
    {
        final Path v1 = base.resolve("beta-v1");
        DemoDataset.generate(v1, 24L << 20, 60, SEED + 1);
        final Path v2 = copyWithOneFileChanged(v1, base.resolve("beta-v2"));
        final Path root = hubs.datasetRoot("west", "beta");

        assertEquals("COMMITTED", hubs.awaitTerminal("east",
            hubs.replicate("east", v1, "beta", "b1", "dataset", "west"), 120).path("state").asText());
        final Map<String, String> v1Hashes = hashes(root.resolve("b1"));
        final Map<String, Long> v1Listing = CurrentReader.listFiles(root.resolve("b1"));

        final JsonNode second = hubs.replicate("east", v2, "beta", "b2", "dataset", "west");
        final AtomicInteger readsDuringSecond = new AtomicInteger();
        final JsonNode done = awaitWhileReading(second, () ->
        {
            readsDuringSecond.incrementAndGet();
            try
            {
                assertEquals(v1Listing, CurrentReader.listFiles(root.resolve("b1")));
            }
            catch (final IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        });

        assertEquals("COMMITTED", done.path("state").asText(), "seed " + SEED + ": " + done);
        assertTrue(readsDuringSecond.get() > 0);
        assertEquals(v1Hashes, hashes(root.resolve("b1")), "first version changed while the second was published");
        assertTrue(TreeComparison.compare(v1, root.resolve("b1")).matches());
        assertTrue(TreeComparison.compare(v2, root.resolve("b2")).matches(), "seed " + SEED);
        assertEquals(Path.of("b2"), Files.readSymbolicLink(root.resolve("current")));
    }

    @Test
    void aReaderOfCurrentOnlyEverSeesCompleteVersions() throws Exception
    {
        final Path g1 = base.resolve("gamma-g1");
        DemoDataset.generate(g1, 32L << 20, 120, SEED + 2);
        final Path g2 = copyWithOneFileChanged(g1, base.resolve("gamma-g2"));
        Files.writeString(g2.resolve("added in g2.txt"), "new file");
        final Map<String, Map<String, Long>> expected =
            Map.of("g1", CurrentReader.listFiles(g1), "g2", CurrentReader.listFiles(g2));
        final Path root = hubs.datasetRoot("west", "gamma");

        final CurrentReader reader = CurrentReader.start(root, expected);
        try
        {
            assertEquals("COMMITTED", hubs.awaitTerminal("east",
                hubs.replicate("east", g1, "gamma", "g1", "dataset", "west"), 120).path("state").asText());
            assertEquals("COMMITTED", hubs.awaitTerminal("east",
                hubs.replicate("east", g2, "gamma", "g2", "dataset", "west"), 120).path("state").asText());
            final int before = reader.observations();
            Await.until(() -> reader.observations() > before + 3, 30, () -> "reader observes g2");
        }
        finally
        {
            reader.close();
        }
        assertTrue(reader.violations().isEmpty(), "seed " + SEED + ": " + reader.violations());
        assertTrue(reader.observations() > 10, "reader made only " + reader.observations() + " observations");
    }

    private JsonNode awaitWhileReading(final JsonNode submitted, final Runnable read)
    {
        final JsonNode[] last = { submitted };
        Await.until(() ->
        {
            read.run();
            last[0] = hubs.api("east").get(io.ferry.ops.cli.ApiClient.transferPath(submitted.path("id").asText()));
            return last[0].path("state").asText().equals("COMMITTED") || last[0].path("state").asText().equals("FAILED");
        }, 120, () -> "second version committed, last " + last[0]);
        return last[0];
    }

    private static void varyModes(final Path root) throws IOException
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            int i = 0;
            for (final Path path : paths.filter(p -> !p.equals(root)).sorted().toList())
            {
                final boolean dir = Files.isDirectory(path);
                final String mode = dir ? (i % 3 == 0 ? "rwxr-x---" : "rwxr-xr-x") :
                    (i % 4 == 0 ? "rw-------" : i % 4 == 1 ? "rwxr-xr-x" : i % 4 == 2 ? "rw-r-----" : "rw-r--r--");
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
                i++;
            }
        }
    }

    private static Path copyWithOneFileChanged(final Path from, final Path to) throws IOException
    {
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path path : paths.sorted().toList())
            {
                final Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.copy(path, target);
                    if (Files.size(path) > 4096)
                    {
                        files.add(target);
                    }
                }
            }
        }
        final Path changed = files.get(files.size() / 2);
        final byte[] content = Files.readAllBytes(changed);
        content[content.length / 2] ^= 0x5A;
        Files.write(changed, content);
        return to;
    }

    private static Map<String, String> hashes(final Path root) throws IOException
    {
        final Map<String, String> hashes = new HashMap<>();
        for (final Map.Entry<String, Long> entry : CurrentReader.listFiles(root).entrySet())
        {
            if (entry.getValue() >= 0)
            {
                hashes.put(entry.getKey(), TreeComparison.sha256(root.resolve(entry.getKey())));
            }
        }
        return hashes;
    }

    private static JsonNode find(final JsonNode array, final String name)
    {
        for (final JsonNode node : array)
        {
            if (name.equals(node.path("name").asText()))
            {
                return node;
            }
        }
        throw new AssertionError("no " + name + " in " + array);
    }
}
