package io.ferry.perf;

import io.ferry.ops.cli.ApiClient;
import io.ferry.ops.cli.CliException;
import io.ferry.ops.cli.ExitCodes;
import io.ferry.ops.demo.DemoHubConfig;
import io.ferry.ops.demo.HubProcess;
import io.ferry.ops.demo.TreeComparison;
import io.ferry.transport.Encryption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Replicates a tree between two ferryd processes on loopback (east → west) through east's HTTP API and verifies every
 * file of the published version on west. The time runs from just before the POST to the transfer's own
 * {@code updated_ms} at COMMITTED (the poll that sees it, every 50 ms, bounds it), so that polling need not be
 * frequent enough to load the daemon. A small warm-up version goes first, untimed, as Aeron's sample has its first
 * intervals left out. The CPU time of each daemon (user and system, every thread, ended ones included) and of each
 * daemon thread during the timed transfer is recorded.
 */
public final class FerryProcessRun
{
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long TRANSFER_TIMEOUT_NS = TimeUnit.MINUTES.toNanos(10);
    private static final long POLL_INTERVAL_MS = 50;
    private static final int CPU_THREADS = 6;
    private static final String VERSION = "v1";

    private FerryProcessRun()
    {
    }

    /**
     * Run one transfer.
     *
     * @param work       directory for both hubs' homes and logs.
     * @param name       name of the run, e.g. {@code ferry-8192}.
     * @param source     tree to replicate.
     * @param bytes      bytes in the tree.
     * @param mtu        link MTU.
     * @param bandwidth  link bandwidth as ferry.toml takes it.
     * @param encryption frame protection of the link, set on both hubs.
     * @param warmup     tree replicated once before the timed transfer, untimed, to warm both JVMs up.
     * @param jfrDir     directory for flight recordings of both daemons during the transfer, or null for none.
     * @return the measurement.
     * @throws IOException if a daemon cannot be started or the transfer does not commit.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static RunResult run(
        final Path work,
        final String name,
        final Path source,
        final long bytes,
        final int mtu,
        final String bandwidth,
        final Encryption encryption,
        final Path warmup,
        final Path jfrDir) throws IOException, InterruptedException
    {
        return run(work, name, source, bytes, mtu, bandwidth, "1ms", encryption, warmup, jfrDir,
            HubPlacement.LOOPBACK, HubPlacement.LOOPBACK);
    }

    /**
     * Run one transfer between hubs placed by the caller, e.g. in the WAN lab's network namespaces.
     *
     * @param work          directory for both hubs' homes and logs.
     * @param name          name of the run, e.g. {@code ferry-wan-0.5}.
     * @param source        tree to replicate.
     * @param bytes         bytes in the tree.
     * @param mtu           link MTU.
     * @param bandwidth     link bandwidth as ferry.toml takes it.
     * @param rtt           link round-trip time as ferry.toml takes it.
     * @param encryption    frame protection of the link, set on both hubs.
     * @param warmup        tree replicated once before the timed transfer, untimed, to warm both JVMs up.
     * @param jfrDir        directory for flight recordings of both daemons during the transfer, or null for none.
     * @param eastPlacement where the sending hub runs and listens.
     * @param westPlacement where the receiving hub runs and listens.
     * @return the measurement.
     * @throws IOException if a daemon cannot be started or the transfer does not commit.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static RunResult run(
        final Path work,
        final String name,
        final Path source,
        final long bytes,
        final int mtu,
        final String bandwidth,
        final String rtt,
        final Encryption encryption,
        final Path warmup,
        final Path jfrDir,
        final HubPlacement eastPlacement,
        final HubPlacement westPlacement) throws IOException, InterruptedException
    {
        final DemoHubConfig east = DemoHubConfig.create(work, "east");
        final DemoHubConfig west = DemoHubConfig.create(work, "west");
        PerfHubConfig.write(east, eastPlacement, west, westPlacement, mtu, bandwidth, rtt, encryption);
        PerfHubConfig.write(west, westPlacement, east, eastPlacement, mtu, bandwidth, rtt, encryption);
        try (HubProcess eastProcess = HubProcess.start(
                "east", east.configFile(), east.home().resolve("ferryd.log"), eastPlacement.launcher(), List.of());
            HubProcess westProcess = HubProcess.start(
                "west", west.configFile(), west.home().resolve("ferryd.log"), westPlacement.launcher(), List.of()))
        {
            final ApiClient api = new ApiClient(URI.create(eastPlacement.apiUrl(east.apiPort())), east.token());
            awaitPeerConnected(api, eastProcess, westProcess);
            final Transfer warm = transfer(api, warmup, "warmup");
            final List<JfrRecording> recordings = new ArrayList<>();
            if (null != jfrDir)
            {
                for (final HubProcess process : List.of(eastProcess, westProcess))
                {
                    recordings.add(JfrRecording.start(process.process().pid(),
                        jfrDir.resolve(name + "-" + process.hubId() + ".jfr")));
                }
            }
            final ThreadCpu eastBefore = ThreadCpu.snapshot(eastProcess.process().pid());
            final ThreadCpu westBefore = ThreadCpu.snapshot(westProcess.process().pid());
            final ProcessCpu eastProcessBefore = ProcessCpu.ofTree(eastProcess.process().toHandle());
            final ProcessCpu westProcessBefore = ProcessCpu.ofTree(westProcess.process().toHandle());
            final Transfer timed = transfer(api, source, VERSION);
            final ProcessCpu eastUsed = ProcessCpu.ofTree(eastProcess.process().toHandle()).minus(eastProcessBefore);
            final ProcessCpu westUsed = ProcessCpu.ofTree(westProcess.process().toHandle()).minus(westProcessBefore);
            final Map<String, Double> eastCpu =
                ThreadCpu.snapshot(eastProcess.process().pid()).since(eastBefore, CPU_THREADS);
            final Map<String, Double> westCpu =
                ThreadCpu.snapshot(westProcess.process().pid()).since(westBefore, CPU_THREADS);
            final List<String> jfrFiles = new ArrayList<>();
            for (final JfrRecording recording : recordings)
            {
                jfrFiles.add(recording.stop().toString());
            }
            for (final Transfer transfer : List.of(warm, timed))
            {
                if (!"COMMITTED".equals(transfer.view().path("state").asText()))
                {
                    throw new IOException(name + ": ferry transfer ended " + transfer.view().path("state")
                        .asText() + ": " + transfer.view().path("reason").asText() + " " +
                        transfer.view().path("message").asText() + "; logs: " + eastProcess.logFile() + ", " +
                        westProcess.logFile());
                }
            }
            final TreeComparison comparison = TreeComparison.compare(source, west.datasetRoot().resolve(VERSION));
            eastProcess.stop();
            westProcess.stop();
            return new RunResult(name, "ferry, two ferryd processes, MTU " + mtu + ", encryption " +
                encryption.configName() + ", bandwidth " + bandwidth + ", rtt " + rtt + ": POST to COMMITTED", bytes,
                timed.seconds(), bytes / timed.seconds(), comparison.matches())
                .with("state", timed.view().path("state").asText())
                .with("phases_first_seen_s", timed.phases().firstSeen())
                .with("seconds_to_commit_poll", timed.polledSeconds())
                .with("cpu_seconds_east", eastUsed)
                .with("cpu_seconds_west", westUsed)
                .with(ProcessCpu.BOTH_ENDS_KEY, eastUsed.plus(westUsed).seconds())
                .with("cpu_seconds_by_thread_east", eastCpu)
                .with("cpu_seconds_by_thread_west", westCpu)
                .with("cpu_seconds_per_gib", eastUsed.plus(westUsed).seconds() / ((double)bytes / (1L << 30)))
                .with("warmup_seconds", warm.seconds())
                .with("problems", comparison.problems().stream().limit(10).toList())
                .with("jfr", jfrFiles);
        }
    }

    private static Transfer transfer(final ApiClient api, final Path source, final String version)
        throws IOException, InterruptedException
    {
        final ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("source", source.toString());
        request.put("dataset", DemoHubConfig.DATASET);
        request.put("version", version);
        request.putArray("targets").add("west");
        request.put("kind", "dataset");

        final long startMs = System.currentTimeMillis();
        final long startNs = System.nanoTime();
        final String id = api.post("/v1/transfers", request).path("id").asText();
        final PhaseClock phases = new PhaseClock(startNs);
        final JsonNode done = awaitTerminal(api, id, phases);
        final double polledSeconds = (System.nanoTime() - startNs) / 1e9;
        final double endSeconds = (done.path("updated_ms").asLong() - startMs) / 1e3;
        final double seconds = endSeconds > 0 && endSeconds <= polledSeconds ? endSeconds : polledSeconds;
        return new Transfer(done, seconds, polledSeconds, phases);
    }

    private static JsonNode awaitTerminal(final ApiClient api, final String id, final PhaseClock phases)
        throws InterruptedException, IOException
    {
        final long deadlineNs = System.nanoTime() + TRANSFER_TIMEOUT_NS;
        while (System.nanoTime() < deadlineNs)
        {
            final JsonNode view = api.get(ApiClient.transferPath(id));
            final String state = view.path("state").asText();
            phases.seen(state, System.nanoTime());
            if ("COMMITTED".equals(state) || "FAILED".equals(state) || "CANCELLED".equals(state))
            {
                return view;
            }
            Thread.sleep(POLL_INTERVAL_MS);
        }
        throw new IOException("transfer " + id + " did not finish within 10 minutes");
    }

    private static void awaitPeerConnected(final ApiClient api, final HubProcess... processes)
        throws InterruptedException, IOException
    {
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (System.nanoTime() < deadlineNs)
        {
            for (final HubProcess process : processes)
            {
                if (!process.isAlive())
                {
                    throw new IOException("hub " + process.hubId() + " exited with " +
                        process.process().exitValue() + "; see " + process.logFile());
                }
            }
            try
            {
                for (final JsonNode peer : api.get("/v1/peers").path("peers"))
                {
                    if ("west".equals(peer.path("id").asText()) && peer.path("connected").asBoolean())
                    {
                        return;
                    }
                }
            }
            catch (final CliException ex)
            {
                if (ex.exitCode() != ExitCodes.UNREACHABLE)
                {
                    throw ex;
                }
            }
            Thread.sleep(100);
        }
        throw new IOException("hubs did not connect within 60 s; see " + processes[0].logFile() + " and " +
            processes[1].logFile());
    }

    private record Transfer(JsonNode view, double seconds, double polledSeconds, PhaseClock phases)
    {
    }
}
