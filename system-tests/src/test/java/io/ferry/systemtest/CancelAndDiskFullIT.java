package io.ferry.systemtest;

import io.ferry.ops.cli.ApiClient;
import io.ferry.ops.demo.DemoDataset;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cancelled transfer leaves nothing behind on the target; a target without room refuses with DISK_FULL, and the
 * reason reaches the API and the CLI.
 */
class CancelAndDiskFullIT
{
    private static final long SEED = Long.getLong("ferry.test.seed", System.nanoTime());

    @TempDir
    static Path base;

    private static HubMesh hubs;
    private static Path tinyRoot;
    private static boolean tinyMounted;

    @BeforeAll
    static void startHubs() throws Exception
    {
        System.out.println("CancelAndDiskFullIT seed " + SEED);
        tinyRoot = Files.createDirectories(base.resolve("west/datasets/tiny"));
        tinyMounted = Tmpfs.mount(tinyRoot, "8m");
        hubs = new HubMesh(base, List.of("east", "west"), List.of("tiny"));
    }

    @AfterAll
    static void stopHubs() throws Exception
    {
        if (null != hubs)
        {
            hubs.close();
        }
        if (tinyMounted)
        {
            Tmpfs.unmount(tinyRoot);
        }
    }

    @Test
    void cancelledTransferEndsCancelledAndLeavesNoStagingOnTheTarget() throws IOException
    {
        final Path source = base.resolve("cancel-src");
        DemoDataset.generate(source, 384L << 20, 40, SEED);

        final JsonNode submitted = hubs.replicate("east", source, "demo", "to-cancel", "dataset", "west");
        final String path = ApiClient.transferPath(submitted.path("id").asText());
        Await.until(() -> hubs.api("east").get(path).path("bytes_done").asLong() > 0, 60,
            () -> "transfer started sending: " + hubs.api("east").get(path));

        final JsonNode cancelled = hubs.api("east").delete(path);
        assertEquals(submitted.path("id").asText(), cancelled.path("id").asText());
        Await.until(() -> "CANCELLED".equals(hubs.api("east").get(path).path("state").asText()), 30,
            () -> "state CANCELLED, last " + hubs.api("east").get(path));

        final Path root = hubs.datasetRoot("west", "demo");
        Await.until(() -> !HubMesh.hasStaging(root), 30, () -> "staging removed under " + root);
        assertFalse(Files.exists(root.resolve("to-cancel")), "a cancelled version was published");
        assertEquals("CANCELLED", hubs.api("east").get(path).path("reason").asText());
    }

    @Test
    void targetWithoutRoomRefusesWithDiskFullAndTheCliSaysSo() throws IOException
    {
        Assumptions.assumeTrue(tinyMounted, "skipped: mounting a tmpfs needs root (CI runs as root)");
        final Path source = base.resolve("big-src");
        DemoDataset.generate(source, 32L << 20, 10, SEED + 1);

        final CliRun run = CliRun.execute("replicate", source.toString(), "--dataset", "tiny", "--to", "west",
            "--version", "too-big", "--wait", "--api", hubs.config("east").apiUrl(),
            "--token-file", hubs.config("east").home().resolve("api.token").toString());
        assertEquals(1, run.exitCode(), run.printed());
        assertTrue(run.printed().contains("DISK_FULL"), run.printed());

        final JsonNode transfers = hubs.api("east").get("/v1/transfers?all=true").path("transfers");
        JsonNode found = null;
        for (final JsonNode transfer : transfers)
        {
            if ("too-big".equals(transfer.path("version").asText()))
            {
                found = transfer;
            }
        }
        assertTrue(null != found, "transfer not listed: " + transfers);
        assertEquals("FAILED", found.path("state").asText());
        assertEquals("DISK_FULL", found.path("reason").asText());
        assertEquals("DISK_FULL", found.path("targets").get(0).path("reason").asText());
        assertFalse(HubMesh.hasStaging(tinyRoot), "staging left behind on a full disk");
    }
}
