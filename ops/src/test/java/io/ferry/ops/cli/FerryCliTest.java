package io.ferry.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.ops.api.ApiJson;
import io.ferry.replication.api.RequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FerryCliTest
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
    void statusPrintsAlignedLines()
    {
        final CliHarness.Run run = harness.run("status");

        assertEquals(0, run.exitCode(), run.err());
        final List<String> lines = run.lines();
        assertEquals(7, lines.size(), run.out());
        assertEquals("hub        east", lines.get(0));
        assertEquals("version    0.1.0", lines.get(1));
        assertTrue(lines.get(2).matches("uptime     \\d+d \\d\\dh"), lines.get(2));
        assertEquals("peers      1 of 2 connected", lines.get(3));
        assertEquals("transfers  1 active", lines.get(4));
        assertEquals("sent       1.2 KiB", lines.get(5));
        assertEquals("received   5.5 KiB", lines.get(6));
        assertEquals("", run.err());
    }

    @Test
    void statusJsonIsTheApiReply() throws Exception
    {
        final CliHarness.Run run = harness.run("status", "--json");

        assertEquals(0, run.exitCode(), run.err());
        final JsonNode status = ApiJson.mapper().readTree(run.out());
        assertEquals("east", status.get("hub").asText());
        assertEquals(1, status.get("transfers_active").asInt());
        assertTrue(status.get("uptime_ms").asLong() > 0);
    }

    @Test
    void peersPrintsATable()
    {
        final CliHarness.Run run = harness.run("peers");

        assertEquals(0, run.exitCode(), run.err());
        final List<String> lines = run.lines();
        assertEquals(3, lines.size(), run.out());
        assertTrue(lines.get(0).matches("PEER {3}ENDPOINT {12}STATE {9}LAST HEARD +SENT +RECEIVED"), lines.get(0));
        assertTrue(lines.get(1).matches(
            "west {3}198\\.51\\.100\\.7:40100 {2}connected {5}\\d+d \\d\\dh ago +1000 B +2\\.0 KiB"), lines.get(1));
        assertTrue(lines.get(2).matches(
            "north {2}203\\.0\\.113\\.9:40100 {3}disconnected {2}never +0 B +0 B"), lines.get(2));
    }

    @Test
    void transfersListsActiveOnesUnlessAllIsGiven()
    {
        final CliHarness.Run active = harness.run("transfers");

        assertEquals(0, active.exitCode(), active.err());
        assertEquals(List.of(
            "ID        DATASET   VERSION  KIND        STATE    PROGRESS  RATE        TARGETS",
            "t-active  imagenet  v7       checkpoint  SENDING  50.0%     32.0 MiB/s  west:SENDING"), active.lines());

        final CliHarness.Run all = harness.run("transfers", "--all");
        assertEquals(3, all.lines().size(), all.out());
        assertTrue(all.lines().get(1).startsWith("t-done    llama-ckpt  step-1100  checkpoint  COMMITTED  100.0%"),
            all.out());
    }

    @Test
    void datasetsPrintsATable()
    {
        final CliHarness.Run run = harness.run("datasets");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(
            "NAME        ROOT             CURRENT    VERSIONS",
            "llama-ckpt  /srv/ckpt/llama  step-1100  2"), run.lines());
    }

    @Test
    void showPrintsDetailsAndEachTarget()
    {
        final CliHarness.Run run = harness.run("show", "t-done");

        assertEquals(0, run.exitCode(), run.err());
        final List<String> lines = run.lines();
        assertTrue(lines.contains("id        t-done"), run.out());
        assertTrue(lines.contains("state     COMMITTED"), run.out());
        assertTrue(lines.contains("progress  100.0%  256.0 MiB of 256.0 MiB, 500 files"), run.out());
        assertTrue(lines.contains("created   2023-11-14T22:13:20Z"), run.out());
        assertTrue(lines.contains("targets"), run.out());
        assertTrue(lines.contains("  HUB   STATE      DONE       REASON"), run.out());
        assertTrue(lines.contains("  west  COMMITTED  256.0 MiB  -"), run.out());
    }

    @Test
    void showOfAnUnknownIdFailsWithNotFound()
    {
        final CliHarness.Run run = harness.run("show", "t-missing");

        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertEquals("ferry: NOT_FOUND: no transfer t-missing on this hub; list transfers with " +
            "GET /v1/transfers?all=true\n", run.err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void cancelPrintsTheNewStateAndFailsOnAFinishedTransfer()
    {
        final CliHarness.Run cancelled = harness.run("cancel", "t-active");
        assertEquals(0, cancelled.exitCode(), cancelled.err());
        assertEquals(List.of("t-active CANCELLED"), cancelled.lines());

        final CliHarness.Run conflict = harness.run("cancel", "t-done");
        assertEquals(1, conflict.exitCode());
        assertTrue(conflict.err().startsWith("ferry: CONFLICT: t-done is already COMMITTED"), conflict.err());
    }

    @Test
    void anyCommandAgainstAClosedPortIsUnreachable() throws Exception
    {
        final String api = "http://127.0.0.1:" + CliHarness.closedPort();
        for (final String command : List.of("status", "peers", "transfers", "datasets", "show"))
        {
            final List<String> args = command.equals("show") ?
                List.of(command, "t-x", "--api", api, "--token-file", harness.tokenFile.toString()) :
                List.of(command, "--api", api, "--token-file", harness.tokenFile.toString());
            final CliHarness.Run run = CliHarness.execute(Map.of(), false, args.toArray(String[]::new));

            assertEquals(3, run.exitCode(), command + ": " + run.err());
            assertEquals("ferry: cannot reach ferryd at " + api + " (Connection refused); is it running? " +
                "Set --api or FERRY_API.", run.err().strip(), command);
        }
    }

    @Test
    void badUsageExitsTwo()
    {
        final CliHarness.Run missingTarget = harness.run("replicate", "/data/x", "--dataset", "d");
        assertEquals(2, missingTarget.exitCode());
        assertTrue(missingTarget.err().startsWith("Missing required option: '--to=HUB'"), missingTarget.err());

        final CliHarness.Run badKind = harness.run("replicate", "/data/x", "--dataset", "d", "--to", "west",
            "--kind", "model");
        assertEquals(2, badKind.exitCode());
        assertTrue(badKind.err().contains("Invalid value for option '--kind'"), badKind.err());

        final CliHarness.Run unknown = CliHarness.execute(Map.of(), false, "frobnicate");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("Unmatched argument at index 0: 'frobnicate'"), unknown.err());

        final CliHarness.Run none = CliHarness.execute(Map.of(), false);
        assertEquals(2, none.exitCode());
        assertTrue(none.err().startsWith("missing command; run ferry --help to list them"), none.err());
    }

    @Test
    void versionAndHelpExitZero()
    {
        final CliHarness.Run version = CliHarness.execute(Map.of(), false, "--version");
        assertEquals(0, version.exitCode());
        assertEquals("ferry 0.1.0", version.out().strip());

        final CliHarness.Run help = CliHarness.execute(Map.of(), false, "replicate", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: ferry replicate "), help.out());
        assertTrue(help.out().contains("--token-file=FILE"), help.out());
    }

    @Test
    void wrongTokenFailsWithUnauthorized() throws Exception
    {
        Files.writeString(harness.tokenFile, "not-the-token");

        final CliHarness.Run run = harness.run("peers");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("ferry: UNAUTHORIZED: missing or wrong bearer token for GET /v1/peers"),
            run.err());
    }

    @Test
    void refusedSubmitPrintsTheCodeAndExitsOne()
    {
        harness.service.failSubmitWith(new RequestException(RequestException.Code.UNKNOWN_PEER,
            "no peer south in the config; add a [[peer]] south"));

        final CliHarness.Run run = harness.run("replicate", "/data/x", "--dataset", "d", "--to", "south");

        assertEquals(1, run.exitCode());
        assertEquals("ferry: UNKNOWN_PEER: no peer south in the config; add a [[peer]] south", run.err().strip());
    }
}
