package io.ferry.ops.demo;

import io.ferry.ops.cli.ApiClient;
import io.ferry.ops.cli.CliException;
import io.ferry.ops.cli.Formats;
import io.ferry.ops.cli.TransferWaiter;
import io.ferry.ops.config.Units;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ferry demo}: start hubs east and west on loopback as separate processes, generate a dataset, replicate it
 * through east's API, verify every file on west, print a summary, stop both hubs and clean up.
 */
@Command(name = "demo", description = "Replicate a generated dataset between two hubs on loopback and verify it.")
public final class DemoCommand implements Callable<Integer>
{
    @Option(names = "--size", defaultValue = "256m", paramLabel = "SIZE", description = "Dataset size (default 256m).")
    private String size;

    @Option(names = "--files", defaultValue = "500", paramLabel = "N", description = "Number of files (default 500).")
    private int files;

    @Option(names = "--mtu", defaultValue = "8192", paramLabel = "BYTES", description = "Link MTU (default 8192).")
    private int mtu;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated content (default 42).")
    private long seed;

    @Option(names = "--dir", paramLabel = "DIR", description = "Work directory (default: a new one under /tmp).")
    private Path dir;

    @Option(names = "--keep", description = "Keep the work directory, hub logs and replicas afterwards.")
    private boolean keep;

    private final PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);

    /**
     * Run the demo.
     *
     * @return 0 when the replica is verified, 1 otherwise, 2 for bad options.
     * @throws Exception on an unexpected failure.
     */
    public Integer call() throws Exception
    {
        final long bytes;
        try
        {
            bytes = Units.parseBytes(size);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("ferry demo: --size: " + ex.getMessage());
            return 2;
        }
        if (files < 3)
        {
            System.err.println("ferry demo: --files must be at least 3");
            return 2;
        }

        final Path base = null != dir ? Files.createDirectories(dir) : Files.createTempDirectory("ferry-demo-");
        try
        {
            return run(base, bytes);
        }
        catch (final CliException ex)
        {
            System.err.println("ferry demo: " + ex.getMessage());
            return 1;
        }
        finally
        {
            if (keep)
            {
                out.println("kept " + base);
            }
            else
            {
                deleteTree(base);
            }
        }
    }

    private int run(final Path base, final long bytes) throws IOException, InterruptedException
    {
        final Path source = base.resolve("source");
        out.printf("generating %s in %d files (seed %d) under %s%n", Formats.bytes(bytes), files, seed, source);
        final long generated = DemoDataset.generate(source, bytes, files, seed);

        final DemoHubConfig east = DemoHubConfig.create(base, "east");
        final DemoHubConfig west = DemoHubConfig.create(base, "west");
        east.write(west, mtu);
        west.write(east, mtu);
        out.printf("starting hubs: east (api %s, udp %d) and west (api %s, udp %d), mtu %d%n",
            east.apiUrl(), east.udpPort(), west.apiUrl(), west.udpPort(), mtu);

        try (HubProcess eastProcess = HubProcess.start("east", east.configFile(), east.home().resolve("ferryd.log"));
            HubProcess westProcess = HubProcess.start("west", west.configFile(), west.home().resolve("ferryd.log")))
        {
            final ApiClient eastApi = new ApiClient(URI.create(east.apiUrl()), east.token());
            final long connectStartNs = System.nanoTime();
            awaitPeerConnected(eastApi, "west", eastProcess, westProcess);
            out.printf("hubs connected in %.1f s%n", (System.nanoTime() - connectStartNs) / 1e9);

            final ObjectNode request = JsonNodeFactory.instance.objectNode();
            request.put("source", source.toString());
            request.put("dataset", DemoHubConfig.DATASET);
            request.put("version", "v1");
            request.putArray("targets").add("west");
            request.put("kind", "dataset");

            final long startNs = System.nanoTime();
            final JsonNode submitted = eastApi.post("/v1/transfers", request);
            out.println("replicating " + DemoHubConfig.DATASET + "/v1 east -> west as " + submitted.path("id").asText());
            final JsonNode done = new TransferWaiter(eastApi, out, null != System.console(), false).await(submitted);
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            if (!"COMMITTED".equals(done.path("state").asText()))
            {
                out.println("transfer ended " + done.path("state").asText() + ": " + done.path("reason").asText() +
                    ": " + done.path("message").asText() + " (logs: " + east.home().resolve("ferryd.log") + ", " +
                    west.home().resolve("ferryd.log") + ")");
                return 1;
            }

            final Path replica = west.datasetRoot().resolve("current");
            final TreeComparison comparison = TreeComparison.compare(source, replica);
            printSummary(comparison, generated, seconds);
            if (!comparison.matches())
            {
                comparison.problems().stream().limit(20).forEach(p -> out.println("  " + p));
                return 1;
            }
            eastProcess.stop();
            westProcess.stop();
            return 0;
        }
    }

    private void printSummary(final TreeComparison comparison, final long generated, final double seconds)
    {
        final double bytesPerSecond = generated / seconds;
        out.println();
        out.println("summary");
        out.printf("  files:      %d (and %d directories)%n", comparison.files(), comparison.dirs());
        out.printf("  bytes:      %d (%s)%n", comparison.bytes(), Formats.bytes(comparison.bytes()));
        out.printf("  seconds:    %.2f%n", seconds);
        out.printf("  throughput: %s (%s)%n", Formats.rate((long)bytesPerSecond),
            Units.formatBitsPerSecond((long)(bytesPerSecond * 8)));
        if (comparison.matches())
        {
            out.printf("  verified:   %d files, SHA-256 match (sizes, modes and directories too)%n", comparison.files());
        }
        else
        {
            out.printf("  verified:   FAILED, %d differences%n", comparison.problems().size());
        }
    }

    private void awaitPeerConnected(
        final ApiClient api, final String peer, final HubProcess... processes) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadlineNs)
        {
            for (final HubProcess process : processes)
            {
                if (!process.isAlive())
                {
                    throw new CliException(1, "hub " + process.hubId() + " exited with " +
                        process.process().exitValue() + "; see " + process.logFile());
                }
            }
            try
            {
                for (final JsonNode node : api.get("/v1/peers").path("peers"))
                {
                    if (peer.equals(node.path("id").asText()) && node.path("connected").asBoolean())
                    {
                        return;
                    }
                }
            }
            catch (final CliException ex)
            {
                if (ex.exitCode() != 3)
                {
                    throw ex;
                }
            }
            Thread.sleep(100);
        }
        throw new CliException(1, "hubs did not connect within 60 s; see " + processes[0].logFile() + " and " +
            processes[1].logFile());
    }

    private static void deleteTree(final Path root) throws IOException
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toArray(Path[]::new))
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
