package io.ferry.systemtest;

import io.ferry.ops.cli.ApiClient;
import io.ferry.ops.demo.DemoHubConfig;
import io.ferry.ops.demo.HubProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Several ferryd processes on loopback (two for most tests: east and west), every hub a peer of every other, each
 * with its API client; hubs can be killed with {@code kill -9} and started again.
 */
final class HubMesh implements AutoCloseable
{
    private final Map<String, DemoHubConfig> configs = new LinkedHashMap<>();
    private final Map<String, HubProcess> processes = new LinkedHashMap<>();
    private final Map<String, ApiClient> apis = new LinkedHashMap<>();
    private final Map<String, List<String>> jvmArgs;
    private int incarnations;

    HubMesh(final Path base, final List<String> hubs, final List<String> datasets) throws IOException
    {
        this(base, hubs, datasets, "10gbit");
    }

    HubMesh(final Path base, final List<String> hubs, final List<String> datasets, final String bandwidth)
        throws IOException
    {
        this(base, hubs, datasets, bandwidth, Map.of());
    }

    /**
     * Hubs with extra JVM arguments for some ferryd processes (kept across restarts) and a peer bandwidth all pace
     * data at.
     *
     * @param base      directory holding every hub.
     * @param hubs      hub ids, started in this order.
     * @param datasets  datasets beside {@code demo}, each with a root under every hub.
     * @param bandwidth {@code [[peer]] bandwidth} in every configuration, e.g. {@code 100mbit}.
     * @param jvmArgs   extra JVM arguments by hub id, e.g. Aeron loss generator properties; hubs not named get none.
     */
    HubMesh(
        final Path base,
        final List<String> hubs,
        final List<String> datasets,
        final String bandwidth,
        final Map<String, List<String>> jvmArgs) throws IOException
    {
        this.jvmArgs = jvmArgs;
        for (final String hub : hubs)
        {
            configs.put(hub, DemoHubConfig.create(base, hub));
        }
        for (final DemoHubConfig config : configs.values())
        {
            final List<DemoHubConfig> peers = new ArrayList<>(configs.values());
            peers.remove(config);
            config.write(peers, 8192, bandwidth);
            for (final String dataset : datasets)
            {
                final Path root = Files.createDirectories(datasetRoot(config.hubId(), dataset));
                Files.writeString(config.configFile(), "\n[[dataset]]\nname = \"" + dataset + "\"\nroot = \"" + root +
                    "\"\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
        }
        for (final DemoHubConfig config : configs.values())
        {
            processes.put(config.hubId(), HubProcess.start(config.hubId(), config.configFile(),
                config.home().resolve("ferryd.log"), jvmArgs.getOrDefault(config.hubId(), List.of())));
            apis.put(config.hubId(), new ApiClient(URI.create(config.apiUrl()), config.token()));
        }
        awaitConnected();
    }

    Path datasetRoot(final String hub, final String dataset)
    {
        return configs.get(hub).home().resolve("datasets").resolve(dataset);
    }

    ApiClient api(final String hub)
    {
        return apis.get(hub);
    }

    DemoHubConfig config(final String hub)
    {
        return configs.get(hub);
    }

    HubProcess process(final String hub)
    {
        return processes.get(hub);
    }

    Path home(final String hub)
    {
        return configs.get(hub).home();
    }

    /**
     * Wait until every hub reports every peer connected.
     */
    void awaitConnected()
    {
        Await.until(this::allConnected, 90, () -> "every hub sees every peer connected; logs under " +
            configs.values().iterator().next().home().getParent());
    }

    /**
     * {@code kill -9} a hub.
     *
     * @param hub hub id.
     */
    void kill(final String hub) throws InterruptedException
    {
        final Process process = processes.get(hub).process();
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            throw new AssertionError(hub + " did not die after SIGKILL");
        }
    }

    /**
     * Start a killed hub again with the same configuration and data.
     *
     * @param hub hub id.
     */
    void restart(final String hub) throws IOException
    {
        final DemoHubConfig config = configs.get(hub);
        processes.put(hub, HubProcess.start(hub, config.configFile(),
            config.home().resolve("ferryd-" + (++incarnations) + ".log"), jvmArgs.getOrDefault(hub, List.of())));
    }

    /**
     * Submit a replication through a hub's API.
     *
     * @return the API's answer.
     */
    JsonNode replicate(
        final String from, final Path source, final String dataset, final String version, final String kind,
        final String... targets)
    {
        final ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("source", source.toString());
        request.put("dataset", dataset);
        request.put("version", version);
        request.put("kind", kind);
        final ArrayNode to = request.putArray("targets");
        for (final String target : targets)
        {
            to.add(target);
        }
        return apis.get(from).post("/v1/transfers", request);
    }

    /**
     * The transfer as its source hub reports it.
     */
    JsonNode transfer(final String from, final JsonNode submitted)
    {
        return apis.get(from).get(ApiClient.transferPath(submitted.path("id").asText()));
    }

    /**
     * State of one target of a transfer as the source reports it, or "" while the source cannot be asked.
     */
    String targetState(final String from, final JsonNode submitted, final String target)
    {
        try
        {
            for (final JsonNode view : transfer(from, submitted).path("targets"))
            {
                if (target.equals(view.path("hub").asText()))
                {
                    return view.path("state").asText();
                }
            }
            return "";
        }
        catch (final RuntimeException ex)
        {
            return "";
        }
    }

    /**
     * Wait until a transfer is COMMITTED, FAILED or CANCELLED on its source hub.
     *
     * @return the last view.
     */
    JsonNode awaitTerminal(final String from, final JsonNode submitted, final long seconds)
    {
        final JsonNode[] last = { submitted };
        Await.until(() ->
        {
            try
            {
                last[0] = transfer(from, submitted);
            }
            catch (final RuntimeException ex)
            {
                return false; // the source hub is restarting
            }
            return isTerminal(last[0].path("state").asText());
        }, seconds, () -> "terminal state, last " + last[0]);
        return last[0];
    }

    static boolean isTerminal(final String state)
    {
        return "COMMITTED".equals(state) || "FAILED".equals(state) || "CANCELLED".equals(state);
    }

    /**
     * A counter of a hub's peers as it reports them in {@code /v1/peers}.
     *
     * @param hub   the reporting hub.
     * @param field e.g. {@code bytes_sent} or {@code bytes_received}.
     * @return the value, summed over peers.
     */
    long peerCounter(final String hub, final String field)
    {
        long sum = 0;
        for (final JsonNode peer : apis.get(hub).get("/v1/peers").path("peers"))
        {
            sum += peer.path(field).asLong();
        }
        return sum;
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

    /**
     * A counter or gauge from a hub's {@code /metrics}, summed over its labels.
     *
     * @return the value, 0 if the hub does not report it.
     */
    long metric(final String hub, final String name)
    {
        return Metrics.sum(configs.get(hub), name);
    }

    private boolean allConnected()
    {
        for (final Map.Entry<String, HubProcess> entry : processes.entrySet())
        {
            if (!entry.getValue().isAlive())
            {
                throw new AssertionError("hub " + entry.getKey() + " exited; log " + entry.getValue().logFile());
            }
            try
            {
                int connected = 0;
                for (final JsonNode peer : apis.get(entry.getKey()).get("/v1/peers").path("peers"))
                {
                    connected += peer.path("connected").asBoolean() ? 1 : 0;
                }
                if (connected < processes.size() - 1)
                {
                    return false;
                }
            }
            catch (final RuntimeException ex)
            {
                return false;
            }
        }
        return true;
    }

    public void close()
    {
        for (final HubProcess process : processes.values())
        {
            process.close();
        }
    }
}
