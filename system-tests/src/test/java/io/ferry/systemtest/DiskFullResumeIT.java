package io.ferry.systemtest;

import io.ferry.ops.cli.ApiClient;
import io.ferry.ops.demo.TreeComparison;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * West's dataset root is a small tmpfs with room for the version when it is offered; once a quarter of it is durable
 * the test fills the tmpfs with a ballast file, so west's next write fails with ENOSPC. East must then show west
 * {@code QUEUED} with reason {@code DISK_FULL} (API and CLI) while west keeps its staging, and an offer made while the
 * disk is still full is paused again. Once the ballast is removed the transfer resumes from what west holds, commits
 * byte-identical, and east sends at most 10 % more than the version's bytes. Data is paced at 100 Mbit/s so the transfer is still running when the disk fills.
 */
class DiskFullResumeIT
{
    private static final long SEED = Long.getLong("ferry.test.seed", System.nanoTime());
    private static final long SIZE = 128L << 20;
    private static final String TMPFS_SIZE = "160m";
    private static final String BANDWIDTH = "100mbit";
    private static final double MAX_SENT_FACTOR = 1.1;
    private static final String DATASET = "small-disk";

    @TempDir
    static Path base;

    @Test
    void diskFillingMidTransferPausesWithDiskFullAndResumesWhenSpaceIsFreed() throws Exception
    {
        System.out.println("DiskFullResumeIT seed " + SEED + ", " + SIZE + " bytes onto a " + TMPFS_SIZE + " tmpfs, " +
            "paced at " + BANDWIDTH);
        final Path root = Files.createDirectories(base.resolve("west/datasets").resolve(DATASET));
        Assumptions.assumeTrue(Tmpfs.mount(root, TMPFS_SIZE),
            "skipped: DiskFullResumeIT mounts a tmpfs as west's dataset root, which needs root (CI runs as root)");
        try
        {
            final Path source = base.resolve("source");
            final Map<String, Long> listing = CurrentReader.generateDataset(source, SIZE, 8, SEED);
            try (HubMesh hubs = new HubMesh(base, List.of("east", "west"), List.of(DATASET), BANDWIDTH);
                CurrentReader reader = CurrentReader.start(root, Map.of("v1", listing)))
            {
                fillPauseAndResume(hubs, source, root);
                assertTrue(reader.violations().isEmpty(), "seed " + SEED + ": " + reader.violations());
            }
        }
        finally
        {
            Tmpfs.unmount(root);
        }
    }

    private static void fillPauseAndResume(final HubMesh hubs, final Path source, final Path root) throws IOException
    {
        final long sentBefore = hubs.peerCounter("east", "bytes_sent");
        final JsonNode submitted = hubs.replicate("east", source, DATASET, "v1", "dataset", "west");
        final String id = submitted.path("id").asText();
        final String path = ApiClient.transferPath(id);

        Await.until(() -> bytesDoneBeforeCommit(hubs, path) >= SIZE / 4, 300,
            () -> "a quarter of the version durable on west: " + hubs.api("east").get(path));
        final long doneAtFill = hubs.api("east").get(path).path("bytes_done").asLong();
        final Path ballast = root.resolve("ballast");
        final long ballastBytes = fillUntilNoSpace(ballast);
        final long filledNs = System.nanoTime();

        final JsonNode[] paused = { null };
        Await.until(() ->
        {
            paused[0] = hubs.api("east").get(path);
            final JsonNode target = paused[0].path("targets").path(0);
            return "QUEUED".equals(target.path("state").asText()) && "DISK_FULL".equals(target.path("reason").asText());
        }, 120, () -> "east shows west QUEUED with DISK_FULL, last " + paused[0]);
        final long pausedNs = System.nanoTime();
        assertTrue(HubMesh.hasStaging(root), "west dropped its staging on a full disk");
        // The offer after the first back-off must meet the full disk again and be paused, not failed or restarted.
        final Path eastLog = hubs.process("east").logFile();
        Await.until(() -> logContains(eastLog, "paused: DISK_FULL: not enough free space"), 60,
            () -> "east offered again and west paused it again, log " + eastLog);
        final long reofferedNs = System.nanoTime();
        assertTrue(HubMesh.hasStaging(root), "west dropped its staging when offered again on a full disk");
        assertFalse(Files.exists(root.resolve("v1")), "published while the disk was full");
        final CliRun show = CliRun.execute("show", id, "--api", hubs.config("east").apiUrl(),
            "--token-file", hubs.config("east").home().resolve("api.token").toString());
        assertEquals(0, show.exitCode(), show.printed());
        assertTrue(show.printed().contains("QUEUED") && show.printed().contains("DISK_FULL"), show.printed());

        Files.delete(ballast);
        final long freedNs = System.nanoTime();
        final JsonNode done = hubs.awaitTerminal("east", hubs.api("east").get(path), 300);
        final long committedNs = System.nanoTime();
        assertEquals("COMMITTED", done.path("state").asText(), "seed " + SEED + ": " + done);
        assertEquals(id, done.path("id").asText());

        final long sent = hubs.peerCounter("east", "bytes_sent") - sentBefore;
        System.out.printf("DiskFullResumeIT: disk filled (%d bytes of ballast) at %.1f %% durable; east showed " +
            "QUEUED/DISK_FULL %d ms later at %.1f %%, re-offer paused again %d ms later; committed %d ms after the ballast was removed; east sent %d " +
            "bytes = %.3f x the version (seed %d)%n", ballastBytes, 100.0 * doneAtFill / SIZE,
            TimeUnit.NANOSECONDS.toMillis(pausedNs - filledNs), 100.0 * paused[0].path("bytes_done").asLong() / SIZE,
            TimeUnit.NANOSECONDS.toMillis(reofferedNs - pausedNs),
            TimeUnit.NANOSECONDS.toMillis(committedNs - freedNs), sent, (double)sent / SIZE, SEED);

        final TreeComparison comparison = TreeComparison.compare(source, root.resolve("current"));
        assertTrue(comparison.matches(), "seed " + SEED + ": " + comparison.problems());
        assertEquals(SIZE, comparison.bytes());
        assertFalse(HubMesh.hasStaging(root), "staging left behind under " + root);
        assertTrue(sent >= SIZE, "east sent less than the version: " + sent);
        assertTrue(sent <= MAX_SENT_FACTOR * SIZE,
            "east sent " + sent + " bytes, more than " + MAX_SENT_FACTOR + " x " + SIZE + ": the transfer restarted " +
            "instead of resuming (seed " + SEED + ")");
    }

    private static long bytesDoneBeforeCommit(final HubMesh hubs, final String path)
    {
        final JsonNode transfer = hubs.api("east").get(path);
        if (transfer.path("state").asText().equals("COMMITTED"))
        {
            throw new AssertionError("committed before the disk could be filled; pace slower than " + BANDWIDTH);
        }
        return transfer.path("bytes_done").asLong();
    }

    private static boolean logContains(final Path log, final String text)
    {
        try
        {
            return Files.readString(log).contains(text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static long fillUntilNoSpace(final Path ballast) throws IOException
    {
        final byte[] block = new byte[1 << 20];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(ballast))
        {
            while (true)
            {
                out.write(block);
                written += block.length;
            }
        }
        catch (final IOException ex)
        {
            if (!String.valueOf(ex.getMessage()).contains("No space left on device"))
            {
                throw ex;
            }
        }
        return written;
    }
}
