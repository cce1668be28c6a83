package io.ferry.replication.manifest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the manifest of a directory tree: lists it in manifest order, picks a chunk length and hashes every chunk.
 */
public final class ManifestBuilder
{
    /** Chunk length used unless the caller prefers another: 4 MiB. */
    public static final int DEFAULT_CHUNK_LENGTH = 4 * 1024 * 1024;

    /** The flat hash array is one Java array, so the chunk count is bounded by the largest array. */
    private static final long MAX_CHUNKS = ManifestCodec.MAX_ENCODED_LENGTH / Manifest.HASH_LENGTH;

    private ManifestBuilder()
    {
    }

    /**
     * Build the manifest of every directory and regular file below {@code root}, hashing on the calling thread.
     *
     * @param root                 directory whose contents become the manifest; itself not an entry.
     * @param preferredChunkLength chunk length to use, a power of two of at least 64 KiB.
     * @return the manifest.
     * @throws IOException as {@link #build(Path, int, int)}.
     */
    public static Manifest build(final Path root, final int preferredChunkLength) throws IOException
    {
        return build(root, preferredChunkLength, 1);
    }

    /**
     * Build the manifest of every directory and regular file below {@code root}; files must not change meanwhile.
     *
     * @param root                 directory whose contents become the manifest; itself not an entry.
     * @param preferredChunkLength chunk length to use, a power of two of at least 64 KiB; it is doubled while a file
     *                             would need more than {@link Manifest#MAX_CHUNKS_PER_FILE} chunks.
     * @param hashThreads          threads that hash chunks, the calling thread included (at least 1).
     * @return the manifest.
     * @throws IOException when the tree cannot be read, holds a link or special file or a name a target cannot
     *                     accept, or a file changes while it is hashed.
     */
    public static Manifest build(final Path root, final int preferredChunkLength, final int hashThreads)
        throws IOException
    {
        if (hashThreads < 1)
        {
            throw new IllegalArgumentException("hashThreads must be at least 1: " + hashThreads);
        }
        try
        {
            ManifestValidator.checkChunkLength(preferredChunkLength);
        }
        catch (final ManifestException ex)
        {
            throw new IllegalArgumentException("preferred " + ex.getMessage(), ex);
        }

        final List<SourceEntry> sources = SourceTree.list(root, ManifestLimits.defaults().maxPathBytes());
        final int chunkLength = chooseChunkLength(preferredChunkLength, sources);
        final List<ManifestEntry> entries = new ArrayList<>(sources.size());
        long chunkCount = 0;
        for (final SourceEntry source : sources)
        {
            final long fileChunks = ManifestValidator.chunksFor(source.size(), chunkLength);
            entries.add(new ManifestEntry(source.relativePath(), source.directory(), source.mode(), source.size(),
                source.lastModified().toMillis(), (int)chunkCount, (int)fileChunks));
            chunkCount += fileChunks;
            if (chunkCount > MAX_CHUNKS)
            {
                throw new IOException(root + ": more than " + MAX_CHUNKS + " chunks of " + chunkLength +
                    " bytes; use a larger chunk length");
            }
        }

        final byte[] chunkHashes = new byte[(int)chunkCount * Manifest.HASH_LENGTH];
        new ChunkHashWork(sources, entries, chunkLength, chunkHashes).run(hashThreads);

        return ManifestCodec.toManifest(chunkLength, entries, chunkHashes);
    }

    /**
     * The preferred chunk length, doubled until the largest file fits in {@link Manifest#MAX_CHUNKS_PER_FILE} chunks.
     *
     * @throws IOException when even {@link Manifest#MAX_CHUNK_LENGTH} is not enough.
     */
    static int chooseChunkLength(final int preferredChunkLength, final List<SourceEntry> sources) throws IOException
    {
        SourceEntry largest = null;
        for (final SourceEntry source : sources)
        {
            if (null == largest || source.size() > largest.size())
            {
                largest = source;
            }
        }

        int chunkLength = preferredChunkLength;
        while (null != largest &&
            ManifestValidator.chunksFor(largest.size(), chunkLength) > Manifest.MAX_CHUNKS_PER_FILE)
        {
            if (chunkLength >= Manifest.MAX_CHUNK_LENGTH)
            {
                throw new IOException(largest.file() + ": " + largest.size() + " bytes is too large to replicate; " +
                    "the limit is " + (long)Manifest.MAX_CHUNKS_PER_FILE * Manifest.MAX_CHUNK_LENGTH + " bytes");
            }
            chunkLength <<= 1;
        }

        return chunkLength;
    }
}
