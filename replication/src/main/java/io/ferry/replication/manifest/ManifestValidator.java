package io.ferry.replication.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the entries of one manifest in order: sorting, parents, modes, sizes and chunk accounting.
 * <p>
 * Path syntax is checked beforehand by {@link PathRules#violation}; this class checks what depends on the
 * entries before it.
 */
final class ManifestValidator
{
    private static final int PERMISSION_BITS = 0777;

    private final int chunkLength;
    private final ManifestLimits limits;
    /** The directories above the previous entry, outermost first; in manifest order a parent is always among them. */
    private final List<String> openDirectories = new ArrayList<>();
    private String previousPath;
    private long totalBytes;
    private int chunkCount;

    ManifestValidator(final int chunkLength, final ManifestLimits limits) throws ManifestException
    {
        checkChunkLength(chunkLength);
        this.chunkLength = chunkLength;
        this.limits = limits;
    }

    /**
     * Require a power of two between {@link Manifest#MIN_CHUNK_LENGTH} and {@link Manifest#MAX_CHUNK_LENGTH}.
     */
    static void checkChunkLength(final int chunkLength) throws ManifestException
    {
        if (chunkLength < Manifest.MIN_CHUNK_LENGTH ||
            chunkLength > Manifest.MAX_CHUNK_LENGTH ||
            Integer.bitCount(chunkLength) != 1)
        {
            throw new ManifestException("chunk length " + chunkLength + " is not a power of two between " +
                Manifest.MIN_CHUNK_LENGTH + " and " + Manifest.MAX_CHUNK_LENGTH);
        }
    }

    /**
     * Number of chunks a file of {@code size} bytes is cut into.
     */
    static long chunksFor(final long size, final int chunkLength)
    {
        return size / chunkLength + (0 == size % chunkLength ? 0 : 1);
    }

    /**
     * Check the next entry against the ones before it and account for its bytes and chunks.
     *
     * @param index position of the entry in the manifest, for the message.
     * @param entry the entry, its path already syntactically valid.
     */
    void checkEntry(final int index, final ManifestEntry entry) throws ManifestException
    {
        final String path = entry.path();
        checkOrder(index, path);
        checkParent(index, path);
        if (0 != (entry.mode() & ~PERMISSION_BITS))
        {
            throw ManifestException.ofEntry(index, path, "mode 0" + Integer.toOctalString(entry.mode()) +
                " has bits beyond 0777");
        }
        if (entry.firstChunk() != chunkCount)
        {
            throw ManifestException.ofEntry(index, path, "first chunk is " + entry.firstChunk() + ", expected " +
                chunkCount + " (chunks are numbered contiguously in entry order)");
        }

        if (entry.directory())
        {
            checkDirectory(index, entry);
            openDirectories.add(path);
        }
        else
        {
            checkFile(index, entry);
        }
        previousPath = path;
    }

    /**
     * Sum of the sizes of the files checked so far.
     */
    long totalBytes()
    {
        return totalBytes;
    }

    /**
     * Number of chunks of the files checked so far.
     */
    int chunkCount()
    {
        return chunkCount;
    }

    private void checkOrder(final int index, final String path) throws ManifestException
    {
        if (null != previousPath)
        {
            final int order = PathRules.compare(previousPath, path);
            if (0 == order)
            {
                throw ManifestException.ofEntry(index, path, "duplicate path");
            }
            if (order > 0)
            {
                throw ManifestException.ofEntry(index, path, "not sorted: it must come before " +
                    PathRules.quote(previousPath));
            }
        }
    }

    private void checkParent(final int index, final String path) throws ManifestException
    {
        while (!openDirectories.isEmpty() &&
            !PathRules.isAncestor(openDirectories.get(openDirectories.size() - 1), path))
        {
            openDirectories.remove(openDirectories.size() - 1);
        }

        final String parent = PathRules.parentOf(path);
        if (null != parent &&
            (openDirectories.isEmpty() || !parent.equals(openDirectories.get(openDirectories.size() - 1))))
        {
            throw ManifestException.ofEntry(index, path, "parent " + PathRules.quote(parent) +
                " is not an earlier directory entry");
        }
    }

    private static void checkDirectory(final int index, final ManifestEntry entry) throws ManifestException
    {
        if (0 != entry.size())
        {
            throw ManifestException.ofEntry(index, entry.path(), "directory has size " + entry.size());
        }
        if (0 != entry.chunkCount())
        {
            throw ManifestException.ofEntry(index, entry.path(), "directory has " + entry.chunkCount() + " chunks");
        }
    }

    private void checkFile(final int index, final ManifestEntry entry) throws ManifestException
    {
        final long size = entry.size();
        if (size < 0)
        {
            throw ManifestException.ofEntry(index, entry.path(), "size is negative (" + size + ")");
        }
        if (size > limits.maxTotalBytes() - totalBytes)
        {
            throw ManifestException.ofEntry(index, entry.path(), "total size exceeds the limit of " +
                limits.maxTotalBytes() + " bytes");
        }

        final long expectedChunks = chunksFor(size, chunkLength);
        if (entry.chunkCount() != expectedChunks)
        {
            throw ManifestException.ofEntry(index, entry.path(), "has " + entry.chunkCount() + " chunks, but " +
                size + " bytes in chunks of " + chunkLength + " need " + expectedChunks);
        }
        if (entry.chunkCount() > Manifest.MAX_CHUNKS_PER_FILE)
        {
            throw ManifestException.ofEntry(index, entry.path(), "has " + entry.chunkCount() +
                " chunks, more than " + Manifest.MAX_CHUNKS_PER_FILE + " per file; use a larger chunk length");
        }
        if (entry.chunkCount() > limits.maxChunks() - chunkCount)
        {
            throw ManifestException.ofEntry(index, entry.path(), "chunk count exceeds the limit of " +
                limits.maxChunks());
        }

        totalBytes += size;
        chunkCount += entry.chunkCount();
    }
}
