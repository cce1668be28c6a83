package io.ferry.replication;

import io.ferry.replication.manifest.ManifestEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Compares a source file with its manifest entry by size and modification time, the two things a writer changes.
 * It costs one {@code stat}, so it runs when a file is opened and once per file before a commit, never per frame.
 */
final class SourceCheck
{
    private SourceCheck()
    {
    }

    /**
     * What differs between an open file and its entry.
     *
     * @param file  the file.
     * @param entry its manifest entry.
     * @param size  the size of the open file.
     * @return null if size and modification time match, else what changed.
     * @throws IOException if the file cannot be inspected.
     */
    static String problem(final Path file, final ManifestEntry entry, final long size) throws IOException
    {
        return compare(entry, size, Files.getLastModifiedTime(file).toMillis());
    }

    /**
     * What differs between a file on disk and its entry.
     *
     * @param file  the file.
     * @param entry its manifest entry.
     * @return null if size and modification time match, else what changed.
     * @throws IOException if the file cannot be inspected.
     */
    static String problem(final Path file, final ManifestEntry entry) throws IOException
    {
        final BasicFileAttributes attributes;
        try
        {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        }
        catch (final NoSuchFileException ex)
        {
            return "was deleted";
        }
        return compare(entry, attributes.size(), attributes.lastModifiedTime().toMillis());
    }

    private static String compare(final ManifestEntry entry, final long size, final long mtimeMs)
    {
        if (size != entry.size())
        {
            return "is " + size + " bytes, its manifest says " + entry.size();
        }
        if (mtimeMs != entry.mtimeMs())
        {
            return "was modified at " + mtimeMs + " ms, its manifest says " + entry.mtimeMs() + " ms";
        }
        return null;
    }
}
