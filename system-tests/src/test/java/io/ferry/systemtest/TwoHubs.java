package io.ferry.systemtest;

import io.ferry.ops.cli.ApiClient;
import io.ferry.ops.demo.DemoHubConfig;
import io.ferry.ops.demo.HubProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hubs east and west as separate ferryd processes on loopback, with east's and west's API clients.
 */
final class TwoHubs implements AutoCloseable
{
    final DemoHubConfig east;
    final DemoHubConfig west;
    HubProcess eastProcess;
    HubProcess westProcess;
    private final List<String> eastJvmArgs;
    private final List<String> westJvmArgs;
    private int incarnations;
    final ApiClient eastApi;
    final ApiClient westApi;

    TwoHubs(final Path base, final String... extraDatasets) throws IOException
    {
        this(base, List.of(), List.of(), "10gbit", extraDatasets);
    }

    /**
     * Hubs with extra JVM arguments for each ferryd (kept across restarts) and a peer bandwidth both pace data at.
     *
     * @param base          directory holding both hubs.
     * @param eastJvmArgs   extra JVM arguments of east, e.g. Aeron loss generator properties.
     * @param westJvmArgs   extra JVM arguments of west.
     * @param bandwidth     {@code [[peer]] bandwidth} in both configurations, e.g. {@code 100mbit}.
     * @param extraDatasets datasets beside {@code demo}, each with a root under both hubs.
     */
    TwoHubs(
        final Path base,
        final List<String> eastJvmArgs,
        final List<String> westJvmArgs,
        final String bandwidth,
        final String... extraDatasets) throws IOException
    {
        this.eastJvmArgs = eastJvmArgs;
        this.westJvmArgs = westJvmArgs;
        east = DemoHubConfig.create(base, "east");
        west = DemoHubConfig.create(base, "west");
        east.write(List.of(west), 8192, bandwidth);
        west.write(List.of(east), 8192, bandwidth);
        for (final String dataset : extraDatasets)
        {
            addDataset(east, dataset);
            addDataset(west, dataset);
        }
        eastProcess = HubProcess.start("east", east.configFile(), east.home().resolve("ferryd.log"), eastJvmArgs);
        westProcess = HubProcess.start("west", west.configFile(), west.home().resolve("ferryd.log"), westJvmArgs);
        eastApi = new ApiClient(URI.create(east.apiUrl()), east.token());
        westApi = new ApiClient(URI.create(west.apiUrl()), west.token());
        awaitConnected();
    }

    void awaitConnected()
    {
        Await.until(this::connected, 60, () -> "east sees west connected; logs " + east.home() + ", " + west.home());
    }

    /**
     * {@code kill -9} a hub and start it again with the same configuration and data; returns once the hubs are
     * connected again.
     *
     * @param hub "east" or "west".
     */
    void killAndRestart(final String hub) throws IOException, InterruptedException
    {
        final boolean isEast = "east".equals(hub);
        final HubProcess process = isEast ? eastProcess : westProcess;
        process.process().destroyForcibly();
        if (!process.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS))
        {
            throw new AssertionError(hub + " did not die after SIGKILL");
        }
        final DemoHubConfig config = isEast ? east : west;
        final HubProcess restarted = HubProcess.start(hub, config.configFile(),
            config.home().resolve("ferryd-" + (++incarnations) + ".log"), isEast ? eastJvmArgs : westJvmArgs);
        if (isEast)
        {
            eastProcess = restarted;
        }
        else
        {
            westProcess = restarted;
        }
        awaitConnected();
    }

    static Path datasetRoot(final DemoHubConfig hub, final String dataset)
    {
        return hub.home().resolve("datasets").resolve(dataset);
    }

    /**
     * Whether a dataset root holds any staging tree, i.e. an unfinished inbound transfer.
     *
     * @param root dataset root.
     * @return true if {@code .ferry/staging} has an entry.
     */
    static boolean hasStaging(final Path root)
    {
        final Path staging = root.resolve(".ferry/staging");
        if (!Files.isDirectory(staging))
        {
            return false;
        }
        try (Stream<Path> entries = Files.list(staging))
        {
            return entries.findAny().isPresent();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void addDataset(final DemoHubConfig hub, final String dataset) throws IOException
    {
        final Path root = Files.createDirectories(datasetRoot(hub, dataset));
        Files.writeString(hub.configFile(), "\n[[dataset]]\nname = \"" + dataset + "\"\nroot = \"" + root + "\"\n",
            StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    private boolean connected()
    {
        if (!eastProcess.isAlive() || !westProcess.isAlive())
        {
            throw new AssertionError("a hub exited; logs under " + east.home().getParent());
        }
        // Both sides: a hub that was just restarted reports the link only after a fresh handshake with the other.
        return seesPeerConnected(eastApi) && seesPeerConnected(westApi);
    }

    private static boolean seesPeerConnected(final ApiClient api)
    {
        try
        {
            for (final JsonNode peer : api.get("/v1/peers").path("peers"))
            {
                if (peer.path("connected").asBoolean())
                {
                    return true;
                }
            }
            return false;
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }

    JsonNode replicate(final Path source, final String dataset, final String version)
    {
        final ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("source", source.toString());
        request.put("dataset", dataset);
        request.put("version", version);
        request.putArray("targets").add("west");
        return eastApi.post("/v1/transfers", request);
    }

    /**
     * Counter of a peer as east or west reports it in {@code /v1/peers}.
     *
     * @param api   the reporting hub's API.
     * @param field {@code bytes_sent} or {@code bytes_received}.
     * @return the value, summed over peers.
     */
    static long peerCounter(final ApiClient api, final String field)
    {
        long sum = 0;
        for (final JsonNode peer : api.get("/v1/peers").path("peers"))
        {
            sum += peer.path(field).asLong();
        }
        return sum;
    }

    JsonNode awaitTerminal(final JsonNode submitted, final long timeoutSeconds)
    {
        final String path = ApiClient.transferPath(submitted.path("id").asText());
        final JsonNode[] last = { submitted };
        Await.until(() ->
        {
            last[0] = eastApi.get(path);
            final String state = last[0].path("state").asText();
            return state.equals("COMMITTED") || state.equals("FAILED") || state.equals("CANCELLED");
        }, timeoutSeconds, () -> "transfer terminal state, last seen " + last[0]);
        return last[0];
    }

    public void close()
    {
        eastProcess.close();
        westProcess.close();
    }
}
