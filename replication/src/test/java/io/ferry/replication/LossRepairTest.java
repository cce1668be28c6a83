package io.ferry.replication;

import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TransferRequest;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.api.TransferView;
import io.ferry.test.SeededLossGenerator;
import io.ferry.transport.PeerLink;
import io.ferry.transport.TransportContext;
import io.ferry.transport.TransportCounter;

import io.aeron.driver.ext.DebugReceiveChannelEndpoint;
import io.aeron.driver.ext.LossGenerator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With 2 % of the data stream's packets dropped at the target, ferry's selective repair still publishes an
 * identical version, and its counters show both the loss and the repair.
 */
class LossRepairTest extends HubTestSupport
{
    @Test
    void repairsTwoPercentDataLossAndPublishesIdenticalBytes() throws Exception
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final Path source = tmp.resolve("lossy-src");
        Files.createDirectories(source.resolve("d"));
        Files.write(source.resolve("d/one.bin"), bytes(random, 24 * 1024 * 1024 + 5));
        Files.write(source.resolve("two.bin"), bytes(random, 3 * 1024 * 1024));

        final SeededLossGenerator loss = new SeededLossGenerator(seed, 0.02, TransportContext.DATA_STREAM_ID);
        final LossGenerator none = new SeededLossGenerator(seed, 0.0, -1);
        final int eastPort = freeUdpPort();
        final int westPort = freeUdpPort();
        east = hub("east", eastPort, "west", westPort, null);
        west = hub("west", westPort, "east", eastPort, ctx -> ctx.receiveChannelEndpointSupplier(
            (udpChannel, dispatcher, status, context) ->
                new DebugReceiveChannelEndpoint(udpChannel, dispatcher, status, context, loss, none)));
        {
            final TransferView queued = east.submit(new TransferRequest(
                source.toString(), "ds", "lossy", List.of("west"), DataKind.DATASET, null));
            final TransferView done = awaitTerminal(east, queued.id(), seed);

            assertEquals(TransferState.COMMITTED, done.state(), "seed " + seed + ": " + done);
            final Path published = tmp.resolve("west-root/lossy");
            assertArrayEquals(Files.readAllBytes(source.resolve("d/one.bin")),
                Files.readAllBytes(published.resolve("d/one.bin")), "seed " + seed);
            assertArrayEquals(Files.readAllBytes(source.resolve("two.bin")),
                Files.readAllBytes(published.resolve("two.bin")), "seed " + seed);

            final PeerLink westToEast = west.transport().link("east");
            final PeerLink eastToWest = east.transport().link("west");
            assertTrue(loss.dropped() > 20, "seed " + seed + ": only " + loss.dropped() + " of " + loss.seen() +
                " packets dropped; the test did not exercise loss");
            // Every dropped packet that carried a frame must be reported and resent; Aeron's header-only heartbeats
            // of the stream carry nothing to repair.
            assertTrue(westToEast.counter(TransportCounter.REPAIR_REQUESTED) >= loss.droppedData(),
                "seed " + seed + ": requested " + westToEast.counter(TransportCounter.REPAIR_REQUESTED) +
                " frames for " + loss.droppedData() + " dropped packets with data");
            assertTrue(eastToWest.counter(TransportCounter.REPAIR_RESENT) >= loss.droppedData(),
                "seed " + seed + ": resent " + eastToWest.counter(TransportCounter.REPAIR_RESENT));
            System.out.printf("loss repair: seed %d, %d of %d data packets dropped (%d with data), %d frames requested, " +
                "%d resent%n", seed, loss.dropped(), loss.seen(), loss.droppedData(), westToEast.counter(TransportCounter.REPAIR_REQUESTED),
                eastToWest.counter(TransportCounter.REPAIR_RESENT));
        }
    }
}
