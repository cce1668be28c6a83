package io.ferry.systemtest;

import io.ferry.ops.demo.TreeComparison;

import com.fasterxml.jackson.databind.JsonNode;
import io.aeron.driver.status.SystemCounterDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both ferryd processes drop 2 % of the Aeron data frames they receive (ferry's data and control streams alike) and
 * 2 % of the Aeron control frames (status messages, NAKs, setup, RTT) with Aeron's {@code DebugReceiveChannelEndpoint}:
 * the version still commits byte-identical, the loss is visible in the drivers' counters, and ferry's repair counters
 * show it requested and resent the lost data frames.
 */
class LossIT
{
    private static final long SEED = Long.getLong("ferry.test.seed", System.nanoTime());
    private static final long SIZE = Long.getLong("ferry.test.loss.bytes", 256L << 20);
    private static final double LOSS_RATE = 0.02;
    /** Half the injected rate: a binomial draw over tens of thousands of frames never falls that low by chance. */
    private static final double MIN_REPAIRED_FRACTION = LOSS_RATE / 2;

    @Test
    void versionCommitsByteIdenticalAndRepairCountersShowTheLossWasRepaired(@TempDir final Path base) throws Exception
    {
        System.out.println("LossIT seed " + SEED + ", " + SIZE + " bytes, loss rate " + LOSS_RATE);
        final Path source = base.resolve("source");
        final Map<String, Long> sourceListing = CurrentReader.generateDataset(source, SIZE, 40, SEED);

        try (HubMesh hubs = new HubMesh(base, List.of("east", "west"), List.of(), "10gbit",
            Map.of("east", lossyReceiver(SEED), "west", lossyReceiver(SEED + 1))))
        {
            final Path root = hubs.datasetRoot("west", "demo");
            try (CurrentReader reader = CurrentReader.start(root, Map.of("lossy", sourceListing)))
            {
                final JsonNode done = hubs.awaitTerminal("east",
                    hubs.replicate("east", source, "demo", "lossy", "dataset", "west"), 900);
                assertEquals("COMMITTED", done.path("state").asText(), "seed " + SEED + ": " + done);

                final TreeComparison comparison = TreeComparison.compare(source, root.resolve("current"));
                assertTrue(comparison.matches(), "seed " + SEED + ": " + comparison.problems());
                assertEquals(SIZE, comparison.bytes());
                Await.until(() -> reader.observations() > 0, 30, () -> "the reader saw the published version");
                assertTrue(reader.violations().isEmpty(), "seed " + SEED + ": " + reader.violations());
            }
            assertLossHappenedAndWasRepaired(hubs);
        }
    }

    private static void assertLossHappenedAndWasRepaired(final HubMesh hubs)
    {
        final long framesSent = Metrics.sum(hubs.config("east"), "ferry_link_sent_frames_total");
        final long requested = Metrics.sum(hubs.config("west"), "ferry_repair_frames_requested_total");
        final long resent = Metrics.sum(hubs.config("east"), "ferry_repair_frames_resent_total");
        final long westGapFills = DriverCounters.value(hubs.config("west"), SystemCounterDescriptor.LOSS_GAP_FILLS);
        final long westNaks = DriverCounters.value(hubs.config("west"), SystemCounterDescriptor.NAK_MESSAGES_SENT);
        final long eastNaks = DriverCounters.value(hubs.config("east"), SystemCounterDescriptor.NAK_MESSAGES_SENT);
        final long eastRetransmits =
            DriverCounters.value(hubs.config("east"), SystemCounterDescriptor.RETRANSMITS_SENT);
        final String figures = String.format(
            "east sent %d data frames; west requested %d (%.2f %%), east resent %d (%.2f %%); west driver: %d loss " +
            "gap fills, %d NAKs sent; east driver: %d NAKs sent, %d retransmits (seed %d)",
            framesSent, requested, 100.0 * requested / framesSent, resent, 100.0 * resent / framesSent,
            westGapFills, westNaks, eastNaks, eastRetransmits, SEED);
        System.out.println("LossIT: " + figures);

        // The injected loss happened: west's driver skipped the gaps in the (unreliable) data stream it received.
        assertTrue(westGapFills >= MIN_REPAIRED_FRACTION * framesSent, "too few data stream gaps: " + figures);
        // Every dropped data frame must have been resent for the version to commit, so resent frames follow the loss;
        // requests count repeats, so there are at least as many as frames resent.
        assertTrue(resent >= MIN_REPAIRED_FRACTION * framesSent, "too few frames resent for 2 % loss: " + figures);
        assertTrue(requested >= resent, "frames resent without being requested: " + figures);
        // Loss on ferry's reliable control streams is repaired by Aeron itself, with NAKs from the receiving driver.
        assertTrue(westNaks + eastNaks > 0, "no control stream loss was seen by the drivers: " + figures);
    }

    private static List<String> lossyReceiver(final long seed)
    {
        return List.of(
            "-Daeron.ReceiveChannelEndpoint.supplier=io.aeron.driver.ext.DebugReceiveChannelEndpointSupplier",
            "-Daeron.debug.receive.data.loss.rate=" + LOSS_RATE,
            "-Daeron.debug.receive.data.loss.seed=" + seed,
            "-Daeron.debug.receive.control.loss.rate=" + LOSS_RATE,
            "-Daeron.debug.receive.control.loss.seed=" + (seed ^ 0x5DEECE66DL));
    }
}
