package io.ferry.replication;

import io.ferry.replication.manifest.Manifest;
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
    final byte[] manifestBytes;
    int manifestReceived;
    Phase phase = Phase.RECEIVING_MANIFEST;
    Manifest manifest;
    StagingArea staging;
    int[] chunkBytesReceived;
    BitSet verified;
    BitSet verifying;
    int verifiedCount;
    long bytesReceived;
    long bytesDurable;
    final IntArrayList pendingAcks = new IntArrayList();

    InboundTransfer(
        final long id,
        final PeerLink link,
        final String dataset,
        final String version,
        final DatasetDirectory directory,
        final byte[] offeredDigest,
        final long offeredTotalBytes,
        final int offeredChunkCount,
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
        this.manifestBytes = new byte[manifestLength];
    }

    void prepared(final Manifest manifest, final StagingArea staging)
    {
        this.manifest = manifest;
        this.staging = staging;
        this.chunkBytesReceived = new int[manifest.chunkCount()];
        this.verified = new BitSet(manifest.chunkCount());
        this.verifying = new BitSet(manifest.chunkCount());
        this.phase = Phase.RECEIVING;
    }

    /**
     * Forget partial chunks: after a re-offer the source sends every unverified chunk again from its start.
     */
    void forgetPartialChunks()
    {
        for (int c = 0; c < chunkBytesReceived.length; c++)
        {
            if (!verified.get(c) && !verifying.get(c))
            {
                chunkBytesReceived[c] = 0;
            }
        }
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
