package io.ferry.ops.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole, validated configuration of one hub, as read from its TOML file.
 *
 * @param file      the file it was read from, for messages.
 * @param hub       the {@code [hub]} table.
 * @param transport the {@code [transport]} table.
 * @param api       the {@code [api]} table.
 * @param peers     the {@code [[peer]]} tables in file order, ids unique.
 * @param datasets  the {@code [[dataset]]} tables in file order, names unique.
 */
public record FerryConfig(
    Path file,
    HubConfig hub,
    TransportConfig transport,
    ApiConfig api,
    List<PeerConfig> peers,
    List<DatasetConfig> datasets)
{
    /**
     * Checks that every part is present and freezes the lists.
     */
    public FerryConfig
    {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(api, "api");
        peers = List.copyOf(peers);
        datasets = List.copyOf(datasets);
    }

    /**
     * Finds the peer with the given id.
     *
     * @param id the peer's hub id.
     * @return the peer, or empty if this hub does not know it.
     */
    public Optional<PeerConfig> peer(final String id)
    {
        return peers.stream().filter((peer) -> peer.id().equals(id)).findFirst();
    }

    /**
     * Finds the dataset with the given name.
     *
     * @param name the dataset name.
     * @return the dataset, or empty if it is not configured.
     */
    public Optional<DatasetConfig> dataset(final String name)
    {
        return datasets.stream().filter((dataset) -> dataset.name().equals(name)).findFirst();
    }
}
