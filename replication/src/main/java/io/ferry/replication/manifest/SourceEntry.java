package io.ferry.replication.manifest;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * A file or directory found in a source tree, with the attributes seen when it was listed.
 *
 * @param relativePath  manifest path, '/'-separated.
 * @param file          where it is on disk.
 * @param directory     true for a directory.
 * @param mode          POSIX permission bits.
 * @param size          size in bytes, 0 for directories.
 * @param lastModified  modification time at full precision, to notice a file changing while it is hashed.
 */
record SourceEntry(
    String relativePath, Path file, boolean directory, int mode, long size, FileTime lastModified)
{
}
