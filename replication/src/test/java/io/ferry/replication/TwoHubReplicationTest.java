package io.ferry.replication;

import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TransferRequest;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.api.TransferView;
import io.ferry.transport.PeerEndpoint;
import io.ferry.transport.TransportContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwoHubReplicationTest
{
    @TempDir
    Path tmp;

    private Hub east;
    private Hub west;

    @AfterEach
    void close()
    {
        if (null != east)
        {
            east.close();
        }
        if (null != west)
        {
            west.close();
        }
    }

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

    private static TransferView awaitTerminal(final Hub hub, final String id, final long seed) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline)
        {
            final TransferView view = hub.transfer(id).orElseThrow();
            if (view.state().isTerminal())
            {
                return view;
            }
            Thread.onSpinWait();
            Thread.sleep(5);
        }
        throw new AssertionError("seed " + seed + ": transfer did not finish: " + hub.transfer(id));
    }

    private Hub hub(final String id, final int port, final String peer, final int peerPort) throws IOException
    {
        final Path root = Files.createDirectories(tmp.resolve(id + "-root"));
        final TransportContext transportCtx = new TransportContext()
            .hubId(id)
            .aeronDirectoryName(tmp.resolve(id + "-aeron").toString())
            .listen("127.0.0.1", port)
            .mtu(8192)
            .addPeer(new PeerEndpoint(peer, "127.0.0.1", peerPort, 8192, 1_000_000_000L, 1_000_000L, "static"))
            .conclude();
        final ReplicationContext ctx = new ReplicationContext()
            .hubId(id)
            .dataDir(Files.createDirectories(tmp.resolve(id + "-data")))
            .chunkLength(1024 * 1024)
            .addDataset("ds", root)
            .conclude();
        return new Hub(ctx, transportCtx, new EventLog(id, new PrintStream(System.out, true)));
    }

    private static byte[] bytes(final Random random, final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
