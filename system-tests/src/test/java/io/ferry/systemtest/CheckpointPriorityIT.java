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
 * A checkpoint submitted while a 2 GiB dataset is moving over the same link commits first, takes most of the link
 * while it moves (by weight), and does not starve the dataset.
 */
class CheckpointPriorityIT
{
    private static final long SEED = Long.getLong("ferry.test.seed", System.nanoTime());
    private static final long BULK_BYTES = Long.getLong("ferry.test.bulk.bytes", 2L << 30);
    private static final long CHECKPOINT_BYTES = 128L << 20;

    @TempDir
    static Path base;

    private static HubMesh hubs;

    @BeforeAll
    static void startHubs() throws Exception
    {
        System.out.println("CheckpointPriorityIT seed " + SEED);
        hubs = new HubMesh(base, List.of("east", "west"), List.of("bulk", "ckpt"));
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
    void checkpointOvertakesBulkDatasetWithoutStarvingIt() throws Exception
    {
        final Path bulkSource = base.resolve("bulk-src");
        final Path checkpointSource = base.resolve("ckpt-src");
        DemoDataset.generate(bulkSource, BULK_BYTES, 32, SEED);
        DemoDataset.generate(checkpointSource, CHECKPOINT_BYTES, 8, SEED + 1);

        try (CurrentReader bulkReader = CurrentReader.start(
                hubs.datasetRoot("west", "bulk"), Map.of("b1", CurrentReader.listFiles(bulkSource)));
            CurrentReader checkpointReader = CurrentReader.start(
                hubs.datasetRoot("west", "ckpt"), Map.of("step-100", CurrentReader.listFiles(checkpointSource))))
        {
            final JsonNode bulk = hubs.replicate("east", bulkSource, "bulk", "b1", "dataset", "west");
            Await.until(() -> bytesDone(bulk) >= BULK_BYTES / 10, 300,
                () -> "bulk dataset moving, last " + hubs.transfer("east", bulk));

            final JsonNode checkpoint = hubs.replicate("east", checkpointSource, "ckpt", "step-100", "checkpoint",
                "west");
            assertEquals("HIGH", checkpoint.path("priority").asText().toUpperCase(), "checkpoints default to high");
            Await.until(() -> "SENDING".equals(hubs.targetState("east", checkpoint, "west")) ||
                bytesDone(checkpoint) > 0, 120, () -> "checkpoint sending, last " + hubs.transfer("east", checkpoint));
            final long bulkAtStart = bytesDone(bulk);
            Await.until(() -> bytesDone(checkpoint) >= CHECKPOINT_BYTES, 300,
                () -> "checkpoint acknowledged, last " + hubs.transfer("east", checkpoint));
            final long bulkDuring = bytesDone(bulk) - bulkAtStart;
            Await.until(() -> "COMMITTED".equals(state(checkpoint)), 120,
                () -> "checkpoint committed, last " + hubs.transfer("east", checkpoint));
            final JsonNode bulkWhenCheckpointCommitted = hubs.transfer("east", bulk);

            System.out.printf("CheckpointPriorityIT: while the %d-byte checkpoint moved the bulk dataset moved %d bytes " +
                "(%.3f of the checkpoint's); bulk state at checkpoint commit %s (seed %d)%n", CHECKPOINT_BYTES,
                bulkDuring, (double)bulkDuring / CHECKPOINT_BYTES, bulkWhenCheckpointCommitted.path("state").asText(),
                SEED);
            assertTrue(!HubMesh.isTerminal(bulkWhenCheckpointCommitted.path("state").asText()),
                "the checkpoint committed before the bulk dataset: " + bulkWhenCheckpointCommitted);
            // By weight (high 8 : normal 2) the dataset gets a fifth of the link; 0.8 leaves room for the dataset's
            // acknowledgements still in flight when the checkpoint starts. Round robin would give about 1.0.
            assertTrue(bulkDuring < 0.8 * CHECKPOINT_BYTES,
                "the checkpoint should get most of the link, but the bulk dataset moved " + bulkDuring + " bytes");
            assertTrue(bulkDuring > 0, "the bulk dataset must not starve while the checkpoint moves");

            final JsonNode bulkDone = hubs.awaitTerminal("east", bulk, 600);
            assertEquals("COMMITTED", bulkDone.path("state").asText(), "seed " + SEED + ": " + bulkDone);
            assertTrue(TreeComparison.compare(bulkSource, hubs.datasetRoot("west", "bulk").resolve("current"))
                .matches(), "bulk dataset identical");
            assertTrue(TreeComparison.compare(checkpointSource, hubs.datasetRoot("west", "ckpt").resolve("current"))
                .matches(), "checkpoint identical");
            assertTrue(bulkReader.violations().isEmpty(), "seed " + SEED + ": " + bulkReader.violations());
            assertTrue(checkpointReader.violations().isEmpty(), "seed " + SEED + ": " + checkpointReader.violations());
        }
    }

    private static long bytesDone(final JsonNode submitted)
    {
        return hubs.transfer("east", submitted).path("bytes_done").asLong();
    }

    private static String state(final JsonNode submitted)
    {
        return hubs.transfer("east", submitted).path("state").asText();
    }
}
