package io.ferry.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.ops.api.ApiJson;
import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TransferPriority;
import io.ferry.replication.api.TransferRequest;
import io.ferry.replication.api.TransferState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicateCommandTest
{
    @TempDir
    Path dir;

    private CliHarness harness;

    @BeforeEach
    void start() throws Exception
    {
        harness = new CliHarness(dir);
    }

    @AfterEach
    void stop()
    {
        harness.close();
    }

    @Test
    void submitPrintsTheIdAndStateAndSendsTheRequest()
    {
        final CliHarness.Run run = harness.run("replicate", "/srv/ckpt/llama/./step-1200", "--dataset", "llama-ckpt",
            "--to", "west,north", "--version", "step-1200", "--kind", "checkpoint", "--priority", "high");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("t-0000000000000001 QUEUED"), run.lines());
        assertEquals(new TransferRequest("/srv/ckpt/llama/step-1200", "llama-ckpt", "step-1200",
            List.of("west", "north"), DataKind.CHECKPOINT, TransferPriority.HIGH), harness.service.lastRequest());
    }

    @Test
    void relativePathIsSentAbsoluteAndOptionalFieldsAreLeftOut()
    {
        final CliHarness.Run run = harness.run("replicate", "data/v1", "--dataset", "imagenet", "--to", "west");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(new TransferRequest(Path.of("data/v1").toAbsolutePath().toString(), "imagenet", null,
            List.of("west"), null, null), harness.service.lastRequest());
    }

    @Test
    void waitFollowsTheTransferToCommittedAndExitsZero()
    {
        final CliHarness.Run run = harness.run("replicate", "/srv/ckpt/llama/step-1200", "--dataset", "llama-ckpt",
            "--to", "west,north", "--version", "step-1200", "--wait");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(
            "t-0000000000000001 submitted: llama-ckpt step-1200 to west,north",
            "QUEUED  0.0%  0 B/256.0 MiB  32.0 MiB/s  west:QUEUED north:QUEUED",
            "SENDING  50.0%  128.0 MiB/256.0 MiB  32.0 MiB/s  west:SENDING north:SENDING",
            "VERIFYING  100.0%  256.0 MiB/256.0 MiB  32.0 MiB/s  west:VERIFYING north:VERIFYING",
            "COMMITTED  100.0%  256.0 MiB/256.0 MiB  64.0 MiB/s  west:COMMITTED north:COMMITTED",
            "committed to west,north: 256.0 MiB in 4.2 s (61.0 MiB/s)"), run.lines());
        assertEquals("", run.err());
    }

    @Test
    void waitExitsOneWithTheReasonWhenTheTransferFails()
    {
        harness.service.submittedTransfersEndIn(TransferState.FAILED);

        final CliHarness.Run run = harness.run("replicate", "/srv/x", "--dataset", "llama-ckpt", "--to",
            "west,north", "--wait");

        assertEquals(1, run.exitCode(), run.err());
        final List<String> lines = run.lines();
        assertEquals("FAILED  50.0%  128.0 MiB/256.0 MiB  32.0 MiB/s  west:FAILED north:COMMITTED",
            lines.get(lines.size() - 2));
        assertEquals("failed: west: DISK_FULL: no space left on /data at west", lines.get(lines.size() - 1));
    }

    @Test
    void waitExitsOneWhenTheTransferIsCancelled()
    {
        harness.service.submittedTransfersEndIn(TransferState.CANCELLED);

        final CliHarness.Run run = harness.run("replicate", "/srv/x", "--dataset", "d", "--to", "west", "--wait");

        assertEquals(1, run.exitCode(), run.err());
        assertEquals("cancelled: CANCELLED_BY_USER", run.lines().get(run.lines().size() - 1));
    }

    @Test
    void waitOnATerminalRedrawsOneProgressBar()
    {
        final String[] args = { "replicate", "/srv/x", "--dataset", "d", "--to", "west", "--wait",
            "--api", harness.api(), "--token-file", harness.tokenFile.toString() };

        final CliHarness.Run run = CliHarness.execute(Map.of(), true, args);

        assertEquals(0, run.exitCode(), run.err());
        final String[] lines = run.out().split(System.lineSeparator());
        assertEquals(3, lines.length, run.out());
        final String bar = lines[1];
        assertTrue(bar.startsWith("\r[------------------------]  0.0%  0 B/256.0 MiB"), bar);
        assertTrue(bar.contains("\r[############------------]  50.0%  128.0 MiB/256.0 MiB"), bar);
        assertTrue(bar.endsWith("\r[########################]  100.0%  256.0 MiB/256.0 MiB  64.0 MiB/s  " +
            "west:COMMITTED"), bar);
        assertEquals("committed to west: 256.0 MiB in 4.2 s (61.0 MiB/s)", lines[2]);
    }

    @Test
    void waitWithJsonPrintsOnlyTheFinalTransfer() throws Exception
    {
        final CliHarness.Run run = harness.run("replicate", "/srv/x", "--dataset", "d", "--to", "west", "--wait",
            "--json");

        assertEquals(0, run.exitCode(), run.err());
        final JsonNode transfer = ApiJson.mapper().readTree(run.out());
        assertEquals("COMMITTED", transfer.get("state").asText());
        assertEquals("west", transfer.get("targets").get(0).get("hub").asText());
    }
}
