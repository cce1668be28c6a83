package io.ferry.replication.api;

import java.util.List;

/**
 * Snapshot of one configured dataset on this hub.
 *
 * @param name     dataset name.
 * @param root     dataset root directory.
 * @param current  version the {@code current} link points at, or null.
 * @param versions published versions, oldest first.
 */
public record DatasetView(String name, String root, String current, List<String> versions)
{
}
