package io.ferry.replication;

import io.ferry.replication.api.DataKind;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A newer checkpoint of a dataset cancels an older one still in flight to the same target (reason SUPERSEDED, the
 * target's staging dropped), unless supersession is turned off for the dataset.
 */
class SupersessionTest extends HubTestSupport
{
    private static final long LINK_BITS_PER_SECOND = 200_000_000L;

    @Test
    void newerCheckpointSupersedesOlderOneInFlight() throws Exception
    {
        final long seed = System.nanoTime();
        final Path westRoot = tmp.resolve("west-root");
        final TransferView[] views = twoCheckpoints(true, 48 * 1024 * 1024, seed);
        final TransferView older = views[0];
        final TransferView newer = views[1];

        assertEquals(TransferState.CANCELLED, older.state(), "seed " + seed + ": " + older);
        assertEquals("SUPERSEDED", older.reason(), "seed " + seed + ": " + older);
        assertEquals("SUPERSEDED", older.targets().get(0).reason());
        assertTrue(older.message().contains(newer.id()), older.message());
        assertTrue(older.bytesDone() < older.bytesTotal(), "seed " + seed + ": older one had finished: " + older);
        assertEquals(TransferState.COMMITTED, newer.state(), "seed " + seed + ": " + newer);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("ckpt/step-2/model.bin")),
            Files.readAllBytes(westRoot.resolve("step-2/model.bin")), "seed " + seed);
        assertEquals(Path.of("step-2"), Files.readSymbolicLink(westRoot.resolve("current")));
        assertFalse(Files.exists(westRoot.resolve("step-1")), "seed " + seed + ": superseded checkpoint was published");
        awaitNoStaging(westRoot, seed);
    }

    @Test
    void everyCheckpointFinishesWhenSupersessionIsOff() throws Exception
    {
        final long seed = System.nanoTime();
        final TransferView[] views = twoCheckpoints(false, 16 * 1024 * 1024, seed);

        assertEquals(TransferState.COMMITTED, views[0].state(), "seed " + seed + ": " + views[0]);
        assertEquals(TransferState.COMMITTED, views[1].state(), "seed " + seed + ": " + views[1]);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("ckpt/step-1/model.bin")),
            Files.readAllBytes(tmp.resolve("west-root/step-1/model.bin")), "seed " + seed);
    }

    /**
     * Send checkpoint step-1, and once 2 MiB of it are acknowledged, step-2 (4 MiB) of the same dataset to the same
     * target; answer both final views.
     */
    private TransferView[] twoCheckpoints(final boolean supersede, final int olderLength, final long seed)
        throws Exception
    {
        final Random random = new Random(seed);
        final Path step1 = checkpoint("step-1", olderLength, random);
        final Path step2 = checkpoint("step-2", 4 * 1024 * 1024, random);
        final int eastPort = freeUdpPort();
        final int westPort = freeUdpPort();
        east = meshHub("east", eastPort, LINK_BITS_PER_SECOND, Map.of("west", westPort),
            ctx -> ctx.supersedeCheckpoints("ds", supersede));
        west = meshHub("west", westPort, LINK_BITS_PER_SECOND, Map.of("east", eastPort), ctx -> {});

        final String olderId = submit(step1, "step-1");
        awaitView(east, olderId, v -> v.bytesDone() >= 2 * 1024 * 1024, seed);
        final String newerId = submit(step2, "step-2");
        final TransferView older = awaitTerminal(east, olderId, seed);
        final TransferView newer = awaitTerminal(east, newerId, seed);
        System.out.printf("supersession %s: seed %d, older %s after %d of %d bytes (%s %s), newer %s%n",
            supersede ? "on" : "off", seed, older.state(), older.bytesDone(), older.bytesTotal(), older.reason(),
            older.message(), newer.state());
        return new TransferView[]{ older, newer };
    }

    private Path checkpoint(final String name, final int length, final Random random) throws IOException
    {
        final Path dir = Files.createDirectories(tmp.resolve("ckpt").resolve(name));
        Files.write(dir.resolve("model.bin"), bytes(random, length));
        return dir;
    }

    private String submit(final Path source, final String version) throws Exception
    {
        return east.submit(new TransferRequest(
            source.toString(), "ds", version, List.of("west"), DataKind.CHECKPOINT, null)).id();
    }
}
