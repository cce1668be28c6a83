package io.ferry.replication;

import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TransferRequest;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.api.TransferView;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source file that changes while its version is replicated fails the transfer with SOURCE_CHANGED, naming the
 * file, and nothing is published: whether the file changes before it is read (caught when it is opened) or after
 * it was sent (caught by the check of every file before Commit).
 */
class SourceChangedTest extends HubTestSupport
{
    private static final long LINK_BITS_PER_SECOND = 200_000_000L;
    private static final int MIB = 1024 * 1024;

    @Test
    void fileGrowingBeforeItIsReadFailsTransfer() throws Exception
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final Path source = Files.createDirectories(tmp.resolve("src"));
        Files.write(source.resolve("a.bin"), bytes(random, 24 * MIB));
        Files.write(source.resolve("b.bin"), bytes(random, MIB));
        startHubs();

        final String id = submit(source);
        awaitView(east, id, v -> v.bytesDone() >= 2 * MIB, seed);
        Files.write(source.resolve("b.bin"), bytes(random, 4096), StandardOpenOption.APPEND);

        assertFailedAndNothingPublished(awaitTerminal(east, id, seed), "b.bin", seed);
    }

    @Test
    void fileTouchedAfterItWasSentFailsTransferBeforeCommit() throws Exception
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final Path source = Files.createDirectories(tmp.resolve("src"));
        Files.write(source.resolve("a.bin"), bytes(random, MIB));
        Files.write(source.resolve("z.bin"), bytes(random, 24 * MIB));
        startHubs();

        final String id = submit(source);
        awaitView(east, id, v -> v.bytesDone() >= 2 * MIB, seed);
        final Path sent = source.resolve("a.bin");
        Files.setLastModifiedTime(sent, FileTime.fromMillis(Files.getLastModifiedTime(sent).toMillis() + 10_000));

        assertFailedAndNothingPublished(awaitTerminal(east, id, seed), "a.bin", seed);
    }

    private void assertFailedAndNothingPublished(final TransferView done, final String file, final long seed)
        throws Exception
    {
        System.out.printf("source changed: seed %d, %s after %d of %d bytes: %s %s%n",
            seed, done.state(), done.bytesDone(), done.bytesTotal(), done.reason(), done.message());
        assertEquals(TransferState.FAILED, done.state(), "seed " + seed + ": " + done);
        assertEquals("SOURCE_CHANGED", done.reason(), "seed " + seed + ": " + done);
        assertTrue(done.message().contains(file), "message does not name " + file + ": " + done.message());
        final Path westRoot = tmp.resolve("west-root");
        assertFalse(Files.exists(westRoot.resolve("v1")), "seed " + seed + ": a torn version was published");
        assertFalse(Files.exists(westRoot.resolve("current"), java.nio.file.LinkOption.NOFOLLOW_LINKS),
            "seed " + seed + ": current points at a torn version");
        awaitNoStaging(westRoot, seed);
    }

    private void startHubs() throws IOException
    {
        final int eastPort = freeUdpPort();
        final int westPort = freeUdpPort();
        east = meshHub("east", eastPort, LINK_BITS_PER_SECOND, Map.of("west", westPort), ctx -> {});
        west = meshHub("west", westPort, LINK_BITS_PER_SECOND, Map.of("east", eastPort), ctx -> {});
    }

    private String submit(final Path source) throws Exception
    {
        return east.submit(new TransferRequest(
            source.toString(), "ds", "v1", List.of("west"), DataKind.DATASET, null)).id();
    }
}
