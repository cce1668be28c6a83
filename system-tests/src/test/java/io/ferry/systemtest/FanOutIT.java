package io.ferry.systemtest;

import io.ferry.ops.demo.DemoDataset;
import io.ferry.ops.demo.TreeComparison;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fan-out east to {west, north} over links paced at 200 Mbit/s: both commit byte-identical (the source bytes read are
 * reported); when north is killed in the middle, west commits at most 20 % later than in the same fan-out without a
 * kill, and north completes after its restart.
 */
class FanOutIT
{
    private static final long SEED = Long.getLong("ferry.test.seed", System.nanoTime());
    private static final long SIZE = Long.getLong("ferry.test.fanout.bytes", 256L << 20);
    /** Links paced below what two cores carry, so the two targets can keep pace with each other. */
    private static final String BANDWIDTH = "200mbit";
    private static final double MAX_SLOWDOWN = 1.2;

    @TempDir
    static Path base;

    private static HubMesh hubs;
    private static Path source;
    private static Map<String, Long> listing;

    @BeforeAll
    static void startHubs() throws Exception
    {
        System.out.println("FanOutIT seed " + SEED + ", " + SIZE + " bytes");
        hubs = new HubMesh(base, List.of("east", "west", "north"), List.of("fan-a", "fan-b"), BANDWIDTH);
        source = base.resolve("source");
        DemoDataset.generate(source, SIZE, 24, SEED);
        listing = CurrentReader.listFiles(source);
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
    void deadTargetDoesNotStallTheOtherAndCompletesAfterRestart() throws Exception
    {
        final long undisturbedNs = replicate("fan-a", false);
        final long disturbedNs = replicate("fan-b", true);
        final double ratio = (double)disturbedNs / undisturbedNs;
        System.out.printf("FanOutIT: west committed in %.2f s with both targets alive, %.2f s with north killed " +
            "(ratio %.2f, limit %.2f; seed %d)%n", undisturbedNs / 1e9, disturbedNs / 1e9, ratio, MAX_SLOWDOWN, SEED);
        assertTrue(ratio <= MAX_SLOWDOWN, "west slowed by a dead target: ratio " + ratio + " (seed " + SEED + ")");
    }

    /**
     * Replicate to west and north, optionally killing north at a quarter of west's progress.
     *
     * @return nanoseconds from submission until west committed.
     */
    private static long replicate(final String dataset, final boolean killNorth) throws Exception
    {
        try (CurrentReader westReader = CurrentReader.start(hubs.datasetRoot("west", dataset), Map.of("v1", listing));
            CurrentReader northReader = CurrentReader.start(hubs.datasetRoot("north", dataset), Map.of("v1", listing)))
        {
            final long readBefore = hubs.metric("east", "ferry_source_read_bytes_total");
            final long startNs = System.nanoTime();
            final JsonNode submitted = hubs.replicate("east", source, dataset, "v1", "dataset", "west", "north");
            if (killNorth)
            {
                Await.until(() -> targetBytes(submitted, "west") >= SIZE / 4, 300,
                    () -> "west at a quarter, last " + hubs.transfer("east", submitted));
                hubs.kill("north");
            }
            Await.until(() -> "COMMITTED".equals(hubs.targetState("east", submitted, "west")), 600,
                () -> "west committed, last " + hubs.transfer("east", submitted));
            final long elapsedNs = System.nanoTime() - startNs;
            if (killNorth)
            {
                assertTrue(!"COMMITTED".equals(hubs.targetState("east", submitted, "north")),
                    "north cannot have committed while dead");
                hubs.restart("north");
                hubs.awaitConnected();
            }
            final JsonNode done = hubs.awaitTerminal("east", submitted, 600);
            assertEquals("COMMITTED", done.path("state").asText(), "seed " + SEED + ": " + done);
            if (!killNorth)
            {
                // Both targets alive: each chunk is read once for both (a target that falls behind re-reads).
                final long read = hubs.metric("east", "ferry_source_read_bytes_total") - readBefore;
                System.out.printf("FanOutIT: %s read %d source bytes for %d (%.2f x) to two targets%n",
                    dataset, read, SIZE, (double)read / SIZE);
                // Reported, not asserted: once would be 1.0 and each target on its own 2.0. Between two ferryd
                // processes on two cores the targets drift apart by timing, and one that falls more than the shared
                // reader's window behind reads on its own (1.00 to 1.89 seen); FanOutTest asserts the sharing itself
                // on paced in-process hubs.
                assertTrue(read >= SIZE, "the source was read at least once: " + read + " bytes read");
            }
            for (final String hub : List.of("west", "north"))
            {
                final TreeComparison comparison =
                    TreeComparison.compare(source, hubs.datasetRoot(hub, dataset).resolve("current"));
                assertTrue(comparison.matches(), hub + ", seed " + SEED + ": " + comparison.problems());
            }
            assertTrue(westReader.violations().isEmpty(), "seed " + SEED + ": " + westReader.violations());
            assertTrue(northReader.violations().isEmpty(), "seed " + SEED + ": " + northReader.violations());
            return elapsedNs;
        }
    }

    private static long targetBytes(final JsonNode submitted, final String hub)
    {
        for (final JsonNode target : hubs.transfer("east", submitted).path("targets"))
        {
            if (hub.equals(target.path("hub").asText()))
            {
                return target.path("bytes_done").asLong();
            }
        }
        return 0;
    }
}
