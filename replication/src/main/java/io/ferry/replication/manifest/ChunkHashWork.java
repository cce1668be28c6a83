package io.ferry.replication.manifest;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hashes the chunks of a manifest on several threads: the files are cut into pieces of at most
 * {@link #PIECE_CHUNKS} chunks, and each thread takes the next piece until none is left, so one large file keeps every
 * thread busy as well as many small ones do. Each thread has its own {@link ChunkHasher} and writes only its pieces'
 * slots of the flat hash array; joining the threads publishes the hashes to the caller.
 */
final class ChunkHashWork
{
    /** Chunks of one piece: 8 chunks of 4 MiB keep two threads balanced to within a few tens of milliseconds. */
    static final int PIECE_CHUNKS = 8;

    private final List<SourceEntry> sources;
    private final List<ManifestEntry> entries;
    private final int chunkLength;
    private final byte[] chunkHashes;
    private final int[] pieceEntry;
    private final int[] pieceFrom;
    private final int pieceCount;
    private final AtomicInteger nextPiece = new AtomicInteger();
    private final AtomicReference<IOException> failure = new AtomicReference<>();

    ChunkHashWork(
        final List<SourceEntry> sources,
        final List<ManifestEntry> entries,
        final int chunkLength,
        final byte[] chunkHashes)
    {
        this.sources = sources;
        this.entries = entries;
        this.chunkLength = chunkLength;
        this.chunkHashes = chunkHashes;

        int pieces = 0;
        for (final ManifestEntry entry : entries)
        {
            pieces += (entry.chunkCount() + PIECE_CHUNKS - 1) / PIECE_CHUNKS;
        }
        pieceEntry = new int[pieces];
        pieceFrom = new int[pieces];
        int piece = 0;
        for (int i = 0; i < entries.size(); i++)
        {
            for (int from = 0; from < entries.get(i).chunkCount(); from += PIECE_CHUNKS)
            {
                pieceEntry[piece] = i;
                pieceFrom[piece] = from;
                piece++;
            }
        }
        pieceCount = pieces;
    }

    /**
     * Hash every piece on the calling thread and {@code threads - 1} more, and return when all are done.
     *
     * @param threads threads to hash on, the caller included; no more are started than there are pieces.
     * @throws IOException the first failure any thread met; the others stop at their next piece.
     */
    void run(final int threads) throws IOException
    {
        final int extra = Math.min(threads, pieceCount) - 1;
        final Thread[] helpers = new Thread[Math.max(0, extra)];
        for (int i = 0; i < helpers.length; i++)
        {
            helpers[i] = new Thread(this::hashPieces, "ferry-hash-" + (i + 1));
            helpers[i].setDaemon(true);
            helpers[i].start();
        }

        hashPieces();

        boolean interrupted = false;
        for (final Thread helper : helpers)
        {
            while (true)
            {
                try
                {
                    helper.join();
                    break;
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }

        final IOException ex = failure.get();
        if (null != ex)
        {
            throw ex;
        }
    }

    private void hashPieces()
    {
        final ChunkHasher hasher = new ChunkHasher(chunkLength);
        int piece;
        while (null == failure.get() && (piece = nextPiece.getAndIncrement()) < pieceCount)
        {
            final ManifestEntry entry = entries.get(pieceEntry[piece]);
            final int from = pieceFrom[piece];
            final int to = Math.min(entry.chunkCount(), from + PIECE_CHUNKS);
            try
            {
                hasher.hash(sources.get(pieceEntry[piece]), chunkHashes, entry.firstChunk(), from, to);
            }
            catch (final IOException ex)
            {
                failure.compareAndSet(null, ex);
            }
            catch (final RuntimeException ex)
            {
                failure.compareAndSet(null, new IOException(sources.get(pieceEntry[piece]).file() + ": " + ex, ex));
            }
        }
    }
}
