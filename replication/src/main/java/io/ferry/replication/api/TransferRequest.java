package io.ferry.replication.api;

import java.util.List;

/**
 * A request to replicate one version of a dataset from a local directory to one or more hubs.
 *
 * @param source   absolute path of the directory holding the version on this hub.
 * @param dataset  name of a dataset configured on this hub and on every target.
 * @param version  version label, or null to use a timestamp label.
 * @param targets  hub ids of configured peers, at least one, no duplicates.
 * @param kind     dataset or checkpoint, or null for dataset.
 * @param priority scheduling class, or null for the kind's default.
 */
public record TransferRequest(
    String source, String dataset, String version, List<String> targets, DataKind kind, TransferPriority priority)
{
}
