package io.ferry.replication;

import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TargetView;
import io.ferry.replication.api.TransferRequest;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.api.TransferView;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One transfer from east to west and north reads each source block once for both targets, and a target that is
 * slow, or dies mid-transfer, does not keep the other from committing.
 */
class FanOutTest extends HubTestSupport
{
    /** Paced rather than CPU-bound links, so the two targets move at a rate the loaded test machine can keep. */
    private static final long LINK_BITS_PER_SECOND = 100_000_000L;
    private static final long FAST_BITS_PER_SECOND = 400_000_000L;
    private static final long SLOW_BITS_PER_SECOND = 16_000_000L;
    private static final int MIB = 1024 * 1024;

    @Test
    void twoTargetsShareOneReadOfTheSource() throws Exception
    {
        final long seed = System.nanoTime();
        final Path source = source(new Random(seed));
        startHubs();
        final long readBefore = east.sourceBytesRead();

        final String id = submit(source);
        final TransferView done = awaitTerminal(east, id, seed);
        final long read = east.sourceBytesRead() - readBefore;
        System.out.printf("fan-out: seed %d, read %d source bytes for %d bytes to 2 targets (%.3f x)%n",
            seed, read, done.bytesTotal(), (double)read / done.bytesTotal());

        assertEquals(TransferState.COMMITTED, done.state(), "seed " + seed + ": " + done);
        assertPublished(source, tmp.resolve("west-root/v1"), seed);
        assertPublished(source, tmp.resolve("north-root/v1"), seed);
        assertTrue(read >= done.bytesTotal(), "seed " + seed + ": read only " + read + " bytes");
        assertTrue(read <= done.bytesTotal() * 11 / 10, "seed " + seed + ": read " + read + " source bytes for " +
            done.bytesTotal() + " bytes to two targets");
    }

    @Test
    void deadTargetDoesNotStallTheOther() throws Exception
    {
        final long seed = System.nanoTime();
        final Path source = source(new Random(seed));
        startHubs();

        final String id = submit(source);
        awaitView(east, id, v -> target(v, "north").bytesDone() >= 4 * MIB, seed);
        north.close();
        north = null;

        final TransferView westDone = awaitView(east, id, v -> target(v, "west").state().isTerminal(), seed);
        System.out.printf("fan-out with north stopped: seed %d, west %s, north %s after %d bytes%n",
            seed, target(westDone, "west").state(), target(westDone, "north").state(),
            target(westDone, "north").bytesDone());
        assertEquals(TransferState.COMMITTED, target(westDone, "west").state(), "seed " + seed + ": " + westDone);
        assertNotEquals(TransferState.COMMITTED, target(westDone, "north").state(), "seed " + seed);
        assertPublished(source, tmp.resolve("west-root/v1"), seed);
    }

    @Test
    void slowTargetDoesNotHoldBackTheOther() throws Exception
    {
        final long seed = System.nanoTime();
        final Path source = source(new Random(seed));
        final int eastPort = freeUdpPort();
        final int westPort = freeUdpPort();
        final int northPort = freeUdpPort();
        east = meshHub("east", eastPort, peer -> "north".equals(peer) ? SLOW_BITS_PER_SECOND : FAST_BITS_PER_SECOND,
            Map.of("west", westPort, "north", northPort), c -> {});
        west = meshHub("west", westPort, FAST_BITS_PER_SECOND, Map.of("east", eastPort), c -> {});
        north = meshHub("north", northPort, FAST_BITS_PER_SECOND, Map.of("east", eastPort), c -> {});
        final long readBefore = east.sourceBytesRead();

        final String id = submit(source);
        final TransferView westDone = awaitView(east, id, v -> target(v, "west").state().isTerminal(), seed);
        final long read = east.sourceBytesRead() - readBefore;
        final TargetView slow = target(westDone, "north");
        System.out.printf("fan-out with a slow north: seed %d, north had %d of %d bytes when west committed; read " +
            "%d source bytes so far (%.3f x)%n", seed, slow.bytesDone(), westDone.bytesTotal(), read,
            (double)read / westDone.bytesTotal());

        assertEquals(TransferState.COMMITTED, target(westDone, "west").state(), "seed " + seed + ": " + westDone);
        assertEquals(TransferState.SENDING, slow.state(), "seed " + seed + ": " + westDone);
        assertTrue(slow.bytesDone() < westDone.bytesTotal() * 3 / 4,
            "seed " + seed + ": west waited for the slow target: " + westDone);
        assertPublished(source, tmp.resolve("west-root/v1"), seed);
    }

    private static TargetView target(final TransferView view, final String hub)
    {
        return view.targets().stream().filter(t -> t.hub().equals(hub)).findFirst().orElseThrow();
    }

    private Path source(final Random random) throws IOException
    {
        final Path source = Files.createDirectories(tmp.resolve("src"));
        Files.write(source.resolve("a.bin"), bytes(random, 20 * MIB + 12345));
        Files.write(source.resolve("b.bin"), bytes(random, 3 * MIB));
        Files.write(source.resolve("c.bin"), bytes(random, 24 * MIB + 1));
        return source;
    }

    private void startHubs() throws IOException
    {
        final int eastPort = freeUdpPort();
        final int westPort = freeUdpPort();
        final int northPort = freeUdpPort();
        east = meshHub("east", eastPort, LINK_BITS_PER_SECOND, Map.of("west", westPort, "north", northPort), c -> {});
        west = meshHub("west", westPort, LINK_BITS_PER_SECOND, Map.of("east", eastPort), c -> {});
        north = meshHub("north", northPort, LINK_BITS_PER_SECOND, Map.of("east", eastPort), c -> {});
    }

    private String submit(final Path source) throws Exception
    {
        return east.submit(new TransferRequest(
            source.toString(), "ds", "v1", List.of("west", "north"), DataKind.DATASET, null)).id();
    }

    private static void assertPublished(final Path source, final Path published, final long seed) throws IOException
    {
        for (final String file : List.of("a.bin", "b.bin", "c.bin"))
        {
            assertArrayEquals(Files.readAllBytes(source.resolve(file)), Files.readAllBytes(published.resolve(file)),
                "seed " + seed + ": " + published.resolve(file));
        }
    }
}
