package io.ferry.replication;

import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TransferRequest;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.api.TransferView;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two hubs in one JVM on loopback replicate a tree with nested directories, an empty file, an empty directory and a
 * non-ASCII name, and publish it atomically.
 */
class TwoHubReplicationTest extends HubTestSupport
{
    @Test
    void replicatesTreeAndPublishesAtomically() throws Exception
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final Path source = tmp.resolve("src");
        Files.createDirectories(source.resolve("a/b"));
        Files.createDirectories(source.resolve("empty dir"));
        Files.write(source.resolve("a/b/big.bin"), bytes(random, 9 * 1024 * 1024 + 17));
        Files.write(source.resolve("a/small ü.txt"), bytes(random, 100));
        Files.write(source.resolve("zero"), new byte[0]);

        final int eastPort = freeUdpPort();
        final int westPort = freeUdpPort();
        east = hub("east", eastPort, "west", westPort);
        west = hub("west", westPort, "east", eastPort);

        final TransferView queued = east.submit(new TransferRequest(
            source.toString(), "ds", "v1", List.of("west"), DataKind.DATASET, null));
        final TransferView done = awaitTerminal(east, queued.id(), seed);
        assertEquals(TransferState.COMMITTED, done.state(), "seed " + seed + ": " + done);

        final Path published = tmp.resolve("west-root/v1");
        assertArrayEquals(Files.readAllBytes(source.resolve("a/b/big.bin")),
            Files.readAllBytes(published.resolve("a/b/big.bin")), "seed " + seed);
        assertArrayEquals(Files.readAllBytes(source.resolve("a/small ü.txt")),
            Files.readAllBytes(published.resolve("a/small ü.txt")));
        assertEquals(0, Files.size(published.resolve("zero")));
        assertTrue(Files.isDirectory(published.resolve("empty dir")));
        assertEquals(Path.of("v1"), Files.readSymbolicLink(tmp.resolve("west-root/current")));
        assertEquals(9 * 1024 * 1024 + 17 + 100, done.bytesDone());
    }
}
