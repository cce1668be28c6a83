package io.ferry.replication;

import java.util.ArrayDeque;

/**
 * Which frames of each unverified chunk have arrived, on the grid the source announced (frame k of a chunk starts at
 * k × frameLength). Bitmaps exist only for chunks in progress and are recycled, so the receive path allocates
 * nothing in steady state.
 */
final class ChunkFrames
{
    private final int frameLength;
    private final int wordsPerChunk;
    private final long[][] bits;
    private final int[] received;
    /** Bitmaps allocated up front: chunks in flight plus chunks waiting for verification rarely exceed this. */
    static final int PREALLOCATED_BITMAPS = 64;

    private final ArrayDeque<long[]> pool = new ArrayDeque<>(PREALLOCATED_BITMAPS * 2);

    ChunkFrames(final int chunkCount, final int maxChunkLength, final int frameLength)
    {
        this.frameLength = frameLength;
        this.wordsPerChunk = (framesIn(maxChunkLength, frameLength) + 63) >>> 6;
        this.bits = new long[chunkCount][];
        this.received = new int[chunkCount];
        for (int i = 0, n = Math.min(chunkCount, PREALLOCATED_BITMAPS); i < n; i++)
        {
            pool.push(new long[wordsPerChunk]);
        }
    }

    static int framesIn(final int chunkLength, final int frameLength)
    {
        return (int)(((long)chunkLength + frameLength - 1) / frameLength);
    }

    /**
     * Whether an offset lies on the frame grid.
     */
    boolean isAligned(final int offsetInChunk)
    {
        return offsetInChunk % frameLength == 0;
    }

    /**
     * Record a frame.
     *
     * @return false if the frame had already arrived.
     */
    boolean onFrame(final int chunkIndex, final int offsetInChunk)
    {
        long[] words = bits[chunkIndex];
        if (null == words)
        {
            words = pool.isEmpty() ? new long[wordsPerChunk] : pool.pop();
            bits[chunkIndex] = words;
        }
        final int frame = offsetInChunk / frameLength;
        final long mask = 1L << (frame & 63);
        final int word = frame >>> 6;
        if ((words[word] & mask) != 0)
        {
            return false;
        }
        words[word] |= mask;
        received[chunkIndex]++;
        return true;
    }

    boolean isComplete(final int chunkIndex, final int chunkLength)
    {
        return received[chunkIndex] == framesIn(chunkLength, frameLength);
    }

    /**
     * Forget a chunk's frames (verified, or failed verification and wanted again) and recycle its bitmap.
     */
    void release(final int chunkIndex)
    {
        final long[] words = bits[chunkIndex];
        if (null != words)
        {
            java.util.Arrays.fill(words, 0L);
            pool.push(words);
            bits[chunkIndex] = null;
        }
        received[chunkIndex] = 0;
    }

    /**
     * Append the missing byte ranges of a chunk as (chunk, offset, length) triples.
     *
     * @param out        triples buffer.
     * @param count      triples already in {@code out}.
     * @param maxCount   capacity of {@code out} in triples.
     * @return the new triple count; frames reported can be derived from the lengths.
     */
    int appendMissing(final int chunkIndex, final int chunkLength, final int[] out, final int count, final int maxCount)
    {
        final long[] words = bits[chunkIndex];
        final int frames = framesIn(chunkLength, frameLength);
        int n = count;
        int frame = 0;
        while (frame < frames && n < maxCount)
        {
            if (isSet(words, frame))
            {
                frame++;
                continue;
            }
            final int first = frame;
            while (frame < frames && !isSet(words, frame))
            {
                frame++;
            }
            final int offset = first * frameLength;
            final int end = (int)Math.min((long)frame * frameLength, chunkLength);
            out[3 * n] = chunkIndex;
            out[3 * n + 1] = offset;
            out[3 * n + 2] = end - offset;
            n++;
        }
        return n;
    }

    private static boolean isSet(final long[] words, final int frame)
    {
        return null != words && (words[frame >>> 6] & (1L << (frame & 63))) != 0;
    }
}
