package io.ferry.replication;

import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TransferPriority;
import io.ferry.replication.api.TransferRequest;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.api.TransferView;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A checkpoint submitted while a bulk dataset is moving over the same paced link gets its frames by weight (8 : 1):
 * it commits first, and the bulk transfer keeps moving, at a fraction of the checkpoint's rate, while it runs.
 */
class CheckpointPriorityTest extends HubTestSupport
{
    private static final long LINK_BITS_PER_SECOND = 200_000_000L;
    private static final int BULK_LENGTH = 64 * 1024 * 1024;
    private static final int CHECKPOINT_LENGTH = 16 * 1024 * 1024;

    @Test
    void checkpointOvertakesBulkTransferWithoutStarvingIt() throws Exception
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final Path bulk = Files.createDirectories(tmp.resolve("bulk-src"));
        Files.write(bulk.resolve("bulk.bin"), bytes(random, BULK_LENGTH));
        final Path checkpoint = Files.createDirectories(tmp.resolve("ckpt-src"));
        Files.write(checkpoint.resolve("model.bin"), bytes(random, CHECKPOINT_LENGTH));

        final int eastPort = freeUdpPort();
        final int westPort = freeUdpPort();
        // 64 KiB chunks so that acknowledged bytes, the measure used below, move in small steps.
        east = meshHub("east", eastPort, LINK_BITS_PER_SECOND, Map.of("west", westPort), ctx -> ctx.chunkLength(65536));
        west = meshHub("west", westPort, LINK_BITS_PER_SECOND, Map.of("east", eastPort), ctx -> ctx.chunkLength(65536));

        final String bulkId = east.submit(new TransferRequest(
            bulk.toString(), "ds", "bulk-1", List.of("west"), DataKind.DATASET, TransferPriority.BULK)).id();
        awaitView(east, bulkId, v -> v.bytesDone() >= 4 * 1024 * 1024, seed);

        final String checkpointId = east.submit(new TransferRequest(
            checkpoint.toString(), "ds", "step-1", List.of("west"), DataKind.CHECKPOINT, null)).id();
        final TransferView checkpointStarted = awaitView(east, checkpointId, v -> v.bytesDone() > 0, seed);
        final long bulkAtStart = east.transfer(bulkId).orElseThrow().bytesDone();
        awaitView(east, checkpointId, v -> v.bytesDone() == CHECKPOINT_LENGTH, seed);
        final TransferView bulkAtEnd = east.transfer(bulkId).orElseThrow();
        final TransferView checkpointDone = awaitTerminal(east, checkpointId, seed);
        final TransferView bulkWhenCheckpointCommitted = east.transfer(bulkId).orElseThrow();

        final long checkpointBytes = CHECKPOINT_LENGTH - checkpointStarted.bytesDone();
        final long bulkBytes = bulkAtEnd.bytesDone() - bulkAtStart;
        System.out.printf("priority: seed %d, while the checkpoint moved %d bytes the bulk transfer moved %d " +
            "(1 : %.1f, weights 8 : 1)%n", seed, checkpointBytes, bulkBytes, (double)checkpointBytes / bulkBytes);

        assertEquals(TransferState.COMMITTED, checkpointDone.state(), "seed " + seed + ": " + checkpointDone);
        assertEquals(TransferPriority.HIGH, checkpointDone.priority(), "checkpoints default to high priority");
        assertFalse(bulkWhenCheckpointCommitted.state().isTerminal(),
            "seed " + seed + ": bulk transfer finished before the checkpoint: " + bulkWhenCheckpointCommitted);
        assertTrue(bulkBytes > 0, "seed " + seed + ": bulk transfer starved while the checkpoint ran");
        assertTrue(bulkBytes * 3 < checkpointBytes, "seed " + seed + ": bulk moved " + bulkBytes +
            " bytes while the checkpoint moved " + checkpointBytes + "; priority did not weigh");

        final TransferView bulkDone = awaitTerminal(east, bulkId, seed);
        assertEquals(TransferState.COMMITTED, bulkDone.state(), "seed " + seed + ": " + bulkDone);
        assertArrayEquals(Files.readAllBytes(checkpoint.resolve("model.bin")),
            Files.readAllBytes(tmp.resolve("west-root/step-1/model.bin")), "seed " + seed);
        assertArrayEquals(Files.readAllBytes(bulk.resolve("bulk.bin")),
            Files.readAllBytes(tmp.resolve("west-root/bulk-1/bulk.bin")), "seed " + seed);
    }
}
