package io.ferry.ops.config;

import java.nio.file.Path;

/**
 * One {@code [[dataset]]} table: a named directory whose versions ferry replicates and publishes.
 *
 * @param name      the dataset name, unique, matching {@code [a-z0-9][a-z0-9._-]{0,63}}.
 * @param root      the absolute directory the versions live under.
 * @param retain    how many committed versions to keep, at least 1.
 * @param supersede whether a newer checkpoint of this dataset cancels an older one still in flight.
 */
public record DatasetConfig(String name, Path root, int retain, boolean supersede)
{
}
