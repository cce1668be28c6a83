package io.ferry.replication.manifest;

import java.util.Objects;

/**
 * One file or directory of a manifest.
 *
 * @param path       relative, '/'-separated path; never empty.
 * @param directory  true for a directory, false for a regular file.
 * @param mode       POSIX permission bits ({@code & 0777}).
 * @param size       file size in bytes; 0 for directories.
 * @param mtimeMs    last modification time, milliseconds since the epoch.
 * @param firstChunk index of the file's first chunk; for directories and empty files the next chunk index.
 * @param chunkCount number of chunks of the file; 0 for directories and empty files.
 */
public record ManifestEntry(
    String path, boolean directory, int mode, long size, long mtimeMs, int firstChunk, int chunkCount)
{
    /**
     * Require a path; every other rule is checked when a manifest is encoded or decoded.
     */
    public ManifestEntry
    {
        Objects.requireNonNull(path, "path");
    }
}
