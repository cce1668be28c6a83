package io.ferry.replication;

import io.ferry.replication.manifest.Manifest;
import io.ferry.transport.ControlProxy;
import io.ferry.transport.PeerLink;

import org.agrona.collections.IntArrayList;

import java.util.BitSet;

/**
 * The target side of one transfer: manifest assembly, which chunks arrived and which are verified.
 * Mutated only by the link agent; storage tasks read the manifest and staging files it names.
 */
final class InboundTransfer
{
    enum Phase
    {
        RECEIVING_MANIFEST,
        PREPARING,
        RECEIVING,
        PUBLISHING
    }

    final long id;
    final PeerLink link;
    final String dataset;
    final String version;
    final DatasetDirectory directory;
    final byte[] offeredDigest;
    final long offeredTotalBytes;
    final int offeredChunkCount;
    final int frameLength;
    final byte[] manifestBytes;
    int manifestReceived;
    Phase phase = Phase.RECEIVING_MANIFEST;
    Manifest manifest;
    StagingArea staging;
    ChunkFrames frames;
    long[] lastRequestNs;
    long[] retryAfterPosition;
    int newestChunkSeen = -1;
    long lastFrameNs;
    boolean commitRequested;
    BitSet verified;
    BitSet verifying;
    int verifiedCount;
    long bytesReceived;
    long bytesDurable;
    final IntArrayList pendingAcks = new IntArrayList(ControlProxy.MAX_GROUP_ENTRIES, IntArrayList.DEFAULT_NULL_VALUE);
    /** Chunks in {@link #pendingAcks}, so a chunk waits there at most once. */
    BitSet ackPending;

    InboundTransfer(
        final long id,
        final PeerLink link,
        final String dataset,
        final String version,
        final DatasetDirectory directory,
        final byte[] offeredDigest,
        final long offeredTotalBytes,
        final int offeredChunkCount,
        final int frameLength,
        final int manifestLength)
    {
        this.id = id;
        this.link = link;
        this.dataset = dataset;
        this.version = version;
        this.directory = directory;
        this.offeredDigest = offeredDigest;
        this.offeredTotalBytes = offeredTotalBytes;
        this.offeredChunkCount = offeredChunkCount;
        this.frameLength = frameLength;
        this.manifestBytes = new byte[manifestLength];
    }

    /**
     * Staging is ready; chunks it already holds verified (reused from the previous version, or journaled as durable
     * before a restart, a lost link or a full disk) count as durable.
     */
    void prepared(final Manifest manifest, final StagingArea staging, final BitSet held, final long nowNs)
    {
        this.manifest = manifest;
        this.staging = staging;
        this.frames = new ChunkFrames(manifest.chunkCount(), manifest.chunkLength(), frameLength);
        this.lastRequestNs = new long[manifest.chunkCount()];
        this.retryAfterPosition = new long[manifest.chunkCount()];
        this.lastFrameNs = nowNs;
        this.verified = held;
        this.verifiedCount = held.cardinality();
        for (int c = held.nextSetBit(0); c >= 0; c = held.nextSetBit(c + 1))
        {
            this.bytesDurable += manifest.chunkLengthOf(c);
        }
        this.verifying = new BitSet(manifest.chunkCount());
        this.ackPending = new BitSet(manifest.chunkCount());
        this.phase = Phase.RECEIVING;
    }

    /**
     * Forget partial chunks: after a re-offer the source sends every unverified chunk again from its start.
     */
    void forgetPartialChunks(final long nowNs)
    {
        for (int c = verified.nextClearBit(0); c < manifest.chunkCount(); c = verified.nextClearBit(c + 1))
        {
            if (!verifying.get(c))
            {
                frames.release(c);
            }
        }
        newestChunkSeen = -1;
        lastFrameNs = nowNs;
    }

    /**
     * Verified chunks as (first, count) ranges.
     *
     * @param max most ranges to return.
     * @return flat array of pairs, length even.
     */
    int[] verifiedRanges(final int max)
    {
        final IntArrayList ranges = new IntArrayList();
        int start = verified.nextSetBit(0);
        while (start >= 0 && ranges.size() < 2 * max)
        {
            final int end = verified.nextClearBit(start);
            ranges.addInt(start);
            ranges.addInt(end - start);
            start = verified.nextSetBit(end);
        }
        return ranges.toIntArray();
    }
}
