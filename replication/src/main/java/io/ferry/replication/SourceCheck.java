package io.ferry.replication;

import io.ferry.replication.manifest.Manifest;
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
     * Check the next files of a manifest against the source, a bounded number per call.
     *
     * @param sourceRoot directory the version was scanned from.
     * @param manifest   the version's manifest.
     * @param from       first entry to check.
     * @param limit      most entries to check in this call.
     * @return the entry to continue from; the entry count once every file matched.
     * @throws SourceChangedException naming the first file that differs from its entry.
     * @throws IOException            if a file cannot be inspected.
     */
    static int checkNext(final Path sourceRoot, final Manifest manifest, final int from, final int limit)
        throws IOException
    {
        final int end = Math.min(manifest.entryCount(), from + limit);
        for (int i = from; i < end; i++)
        {
            final ManifestEntry entry = manifest.entry(i);
            if (!entry.directory())
            {
                final String problem = problem(sourceRoot.resolve(entry.path()), entry);
                if (null != problem)
                {
                    throw new SourceChangedException(entry.path() + " " + problem);
                }
            }
        }
        return end;
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
