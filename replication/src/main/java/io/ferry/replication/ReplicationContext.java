package io.ferry.replication;

import io.ferry.replication.manifest.ManifestBuilder;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Settings of a hub's replication engine; {@link #conclude()} validates them once.
 */
public final class ReplicationContext
{
    /** Time a sender waits for acks after sending everything before it offers the transfer again. */
    public static final long DEFAULT_ACK_STALL_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private String hubId;
    private Path dataDir;
    private String ferryVersion = "0.1.0";
    private int chunkLength = ManifestBuilder.DEFAULT_CHUNK_LENGTH;
    private int hashThreads = Runtime.getRuntime().availableProcessors();
    private long ackStallTimeoutNs = DEFAULT_ACK_STALL_TIMEOUT_NS;
    /** Versions kept per dataset when the configuration names no number. */
    public static final int DEFAULT_RETAIN = 3;

    private final Map<String, Path> datasetRoots = new LinkedHashMap<>();
    private final Map<String, Integer> datasetRetain = new LinkedHashMap<>();
    private final Set<String> datasetsKeepingOlderCheckpoints = new HashSet<>();

    /**
     * Validate settings; call once before use.
     *
     * @return this.
     */
    public ReplicationContext conclude()
    {
        Objects.requireNonNull(hubId, "hubId");
        Objects.requireNonNull(dataDir, "dataDir");
        if (Integer.bitCount(chunkLength) != 1 || chunkLength < 64 * 1024)
        {
            throw new IllegalArgumentException("chunkLength must be a power of two >= 64 KiB: " + chunkLength);
        }
        if (hashThreads < 1)
        {
            throw new IllegalArgumentException("hashThreads must be at least 1: " + hashThreads);
        }
        return this;
    }

    /**
     * This hub's id.
     *
     * @param hubId id.
     * @return this.
     */
    public ReplicationContext hubId(final String hubId)
    {
        this.hubId = hubId;
        return this;
    }

    /**
     * This hub's id.
     *
     * @return id.
     */
    public String hubId()
    {
        return hubId;
    }

    /**
     * Directory for hub state.
     *
     * @param dataDir directory.
     * @return this.
     */
    public ReplicationContext dataDir(final Path dataDir)
    {
        this.dataDir = dataDir;
        return this;
    }

    /**
     * Directory for hub state.
     *
     * @return directory.
     */
    public Path dataDir()
    {
        return dataDir;
    }

    /**
     * Build version reported by the status API.
     *
     * @param ferryVersion version string.
     * @return this.
     */
    public ReplicationContext ferryVersion(final String ferryVersion)
    {
        this.ferryVersion = ferryVersion;
        return this;
    }

    /**
     * Build version reported by the status API.
     *
     * @return version string.
     */
    public String ferryVersion()
    {
        return ferryVersion;
    }

    /**
     * Preferred chunk length of manifests built on this hub.
     *
     * @param chunkLength bytes, a power of two.
     * @return this.
     */
    public ReplicationContext chunkLength(final int chunkLength)
    {
        this.chunkLength = chunkLength;
        return this;
    }

    /**
     * Preferred chunk length.
     *
     * @return bytes.
     */
    public int chunkLength()
    {
        return chunkLength;
    }

    /**
     * Threads that hash a source's chunks while its manifest is built; the default is one per processor.
     *
     * @param hashThreads at least 1.
     * @return this.
     */
    public ReplicationContext hashThreads(final int hashThreads)
    {
        this.hashThreads = hashThreads;
        return this;
    }

    /**
     * Threads that hash a source's chunks while its manifest is built.
     *
     * @return at least 1.
     */
    public int hashThreads()
    {
        return hashThreads;
    }

    /**
     * Time a sender waits for acks after sending everything before it offers the transfer again.
     *
     * @param ackStallTimeoutNs nanoseconds.
     * @return this.
     */
    public ReplicationContext ackStallTimeoutNs(final long ackStallTimeoutNs)
    {
        this.ackStallTimeoutNs = ackStallTimeoutNs;
        return this;
    }

    /**
     * Ack stall timeout.
     *
     * @return nanoseconds.
     */
    public long ackStallTimeoutNs()
    {
        return ackStallTimeoutNs;
    }

    /**
     * Add a dataset this hub can send and receive.
     *
     * @param name dataset name.
     * @param root dataset root directory.
     * @return this.
     */
    public ReplicationContext addDataset(final String name, final Path root)
    {
        return addDataset(name, root, DEFAULT_RETAIN);
    }

    /**
     * Add a dataset this hub can send and receive, keeping the newest {@code retain} versions ferry published.
     *
     * @param name   dataset name.
     * @param root   dataset root directory.
     * @param retain versions to keep, at least 1.
     * @return this.
     */
    public ReplicationContext addDataset(final String name, final Path root, final int retain)
    {
        if (retain < 1)
        {
            throw new IllegalArgumentException("retain must be at least 1: " + retain);
        }
        datasetRoots.put(name, root);
        datasetRetain.put(name, retain);
        return this;
    }

    /**
     * Versions to keep, by dataset name.
     *
     * @return map of name to count.
     */
    public Map<String, Integer> datasetRetain()
    {
        return datasetRetain;
    }

    /**
     * Datasets by name, in configuration order.
     *
     * @return map of name to root.
     */
    public Map<String, Path> datasetRoots()
    {
        return datasetRoots;
    }

    /**
     * Whether a newer checkpoint of a dataset cancels an older one still in flight to the same targets (the default).
     *
     * @param name      dataset name.
     * @param supersede false to let every checkpoint finish.
     * @return this.
     */
    public ReplicationContext supersedeCheckpoints(final String name, final boolean supersede)
    {
        if (supersede)
        {
            datasetsKeepingOlderCheckpoints.remove(name);
        }
        else
        {
            datasetsKeepingOlderCheckpoints.add(name);
        }
        return this;
    }

    /**
     * Whether a newer checkpoint of a dataset cancels an older one still in flight to the same targets.
     *
     * @param name dataset name.
     * @return true unless turned off for the dataset.
     */
    public boolean supersedeCheckpoints(final String name)
    {
        return !datasetsKeepingOlderCheckpoints.contains(name);
    }
}
