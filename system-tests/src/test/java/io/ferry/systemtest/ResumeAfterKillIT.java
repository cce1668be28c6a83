package io.ferry.systemtest;

import io.ferry.ops.cli.ApiClient;
import io.ferry.ops.demo.TreeComparison;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} of the target, and of the source, each at a random point of a 1 GiB replication (five runs per
 * side, ten kill points): after the restart the transfer resumes from the journal under the same id, commits
 * byte-identical, and the bytes sent again are at most 5 % of the total; a reader of {@code current} never sees a
 * partial version.
 */
class ResumeAfterKillIT
{
    private static final long SEED = Long.getLong("ferry.test.seed", System.nanoTime());
    private static final long SIZE = Long.getLong("ferry.test.resume.bytes", 1L << 30);
    private static final int RUNS = Integer.getInteger("ferry.test.resume.runs", 5);
    private static final double MAX_RESENT_FRACTION = 0.05;

    @TempDir
    static Path base;

    private static HubMesh hubs;
    private static Path source;
    private static Map<String, Long> sourceListing;

    @BeforeAll
    static void startHubs() throws Exception
    {
        System.out.println("ResumeAfterKillIT seed " + SEED + ", " + SIZE + " bytes, " + RUNS + " runs per side");
        final List<String> datasets = new ArrayList<>();
        for (int run = 0; run < RUNS; run++)
        {
            datasets.add("kill-west-" + run);
            datasets.add("kill-east-" + run);
        }
        hubs = new HubMesh(base, List.of("east", "west"), datasets);
        source = base.resolve("source");
        sourceListing = CurrentReader.generateDataset(source, SIZE, 48, SEED);
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
    void targetKilledAtARandomPointResumesAndResendsLittle() throws Exception
    {
        final Random random = new Random(SEED);
        for (int run = 0; run < RUNS; run++)
        {
            final long sentBefore = hubs.peerCounter("east", "bytes_sent");
            replicateWithKill("kill-west-" + run, "west", random.nextDouble());
            assertResentWithinBound(hubs.peerCounter("east", "bytes_sent") - sentBefore, "east sent", run);
        }
    }

    @Test
    void sourceKilledAtARandomPointResumesAndResendsLittle() throws Exception
    {
        final Random random = new Random(SEED + 1);
        for (int run = 0; run < RUNS; run++)
        {
            final long receivedBefore = hubs.peerCounter("west", "bytes_received");
            replicateWithKill("kill-east-" + run, "east", random.nextDouble());
            assertResentWithinBound(
                hubs.peerCounter("west", "bytes_received") - receivedBefore, "west received", run);
        }
    }

    private static void replicateWithKill(final String dataset, final String victim, final double uniform)
        throws Exception
    {
        final double fraction = 0.1 + 0.8 * uniform;
        final Path root = hubs.datasetRoot("west", dataset);
        try (CurrentReader reader = CurrentReader.start(root, Map.of("v1", sourceListing)))
        {
            final JsonNode submitted = hubs.replicate("east", source, dataset, "v1", "dataset", "west");
            final String path = ApiClient.transferPath(submitted.path("id").asText());
            final long threshold = (long)(fraction * SIZE);
            Await.until(() -> bytesDone(path) >= threshold, 300,
                () -> dataset + ": progress " + threshold + " of " + SIZE + " before killing " + victim + " (seed " +
                SEED + "), last " + hubs.api("east").get(path));
            System.out.printf("%s: kill -9 %s at %.1f %% acknowledged%n", dataset, victim, 100.0 * bytesDone(path) / SIZE);
            hubs.kill(victim);
            hubs.restart(victim);
            hubs.awaitConnected();

            final JsonNode last = hubs.awaitTerminal("east", hubs.api("east").get(path), 600);
            assertEquals("COMMITTED", last.path("state").asText(), "seed " + SEED + ": " + last);
            assertEquals(submitted.path("id").asText(), last.path("id").asText(), "resumed under the same id");

            final TreeComparison comparison = TreeComparison.compare(source, root.resolve("current"));
            assertTrue(comparison.matches(), "seed " + SEED + ": " + comparison.problems());
            assertEquals(SIZE, comparison.bytes());
            assertTrue(reader.violations().isEmpty(), "seed " + SEED + ": " + reader.violations());
        }
    }

    private static long bytesDone(final String path)
    {
        try
        {
            final JsonNode transfer = hubs.api("east").get(path);
            if ("COMMITTED".equals(transfer.path("state").asText()))
            {
                throw new AssertionError("committed before the kill point was reached: " + transfer);
            }
            return transfer.path("bytes_done").asLong();
        }
        catch (final RuntimeException ex)
        {
            return -1; // the source hub is restarting
        }
    }

    private static void assertResentWithinBound(final long moved, final String counter, final int run)
    {
        final long resent = moved - SIZE;
        System.out.printf("ResumeAfterKillIT run %d: %s %d bytes, re-sent %d = %.2f %% of %d (seed %d)%n",
            run, counter, moved, resent, 100.0 * resent / SIZE, SIZE, SEED);
        if (resent > MAX_RESENT_FRACTION * SIZE)
        {
            printLogs();
        }
        assertTrue(resent <= MAX_RESENT_FRACTION * SIZE,
            "run " + run + ": re-sent " + resent + " bytes, more than 5 % of " + SIZE + " (seed " + SEED + ")");
    }

    /**
     * The hubs' logs, for a run that went wrong: the test's directory is deleted afterwards.
     */
    private static void printLogs()
    {
        for (final Path home : List.of(hubs.config("east").home(), hubs.config("west").home()))
        {
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(home))
            {
                for (final Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList())
                {
                    for (final String line : java.nio.file.Files.readAllLines(log))
                    {
                        System.out.println(log.getFileName() + ": " + line);
                    }
                }
            }
            catch (final java.io.IOException ex)
            {
                System.out.println("cannot read logs under " + home + ": " + ex);
            }
        }
    }
}
