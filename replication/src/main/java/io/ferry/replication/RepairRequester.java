package io.ferry.replication;

import io.ferry.replication.manifest.Manifest;
import io.ferry.transport.ControlProxy;
import io.ferry.transport.PeerLink;

/**
 * Decides, on the target, which missing frames to report to the source and when to report them again: the selective
 * acknowledgement half of ferry's loss repair. Runs on the link agent and allocates nothing.
 */
final class RepairRequester
{
    /** Floor of the repair timers, so a loopback RTT does not turn into a request storm. */
    static final long MIN_REPAIR_INTERVAL_NS = 20_000_000L;

    /**
     * Silence on the data stream after which the newest chunk's missing frames are reported: longer than a stall of
     * the sender waiting for a status message (the frames it holds in its publication are not lost), so a busy host
     * does not ask for data still on its way. Loss inside the stream is reported sooner, by position.
     */
    static final long MIN_QUIET_NS = 100_000_000L;
    private final int[] rangeScratch = new int[3 * ControlProxy.MAX_GROUP_ENTRIES];

    /**
     * Report missing frames: of chunks the source has moved past, of the newest chunk once the data has gone quiet,
     * and of every unverified chunk once the source said it has sent everything (Commit).
     * <p>
     * A chunk is reported again only when a resend could have arrived and did not: when this hub has consumed the
     * data stream beyond where the driver had received it at the last report plus one receiver window (anything the
     * source sends after reading the report lands beyond that), or, while the stream is quiet, after a timer.
     */
    int requestRepairs(final InboundTransfer transfer, final long nowNs)
    {
        final PeerLink link = transfer.link;
        final long rttNs = link.endpoint().rttNs();
        final long retryNs = Math.max(MIN_REPAIR_INTERVAL_NS, 3 * rttNs);
        final boolean quiet = nowNs - transfer.lastFrameNs > Math.max(MIN_QUIET_NS, 4 * rttNs);
        final Manifest manifest = transfer.manifest;
        final int limit = !quiet ? transfer.newestChunkSeen :
            transfer.commitRequested ? manifest.chunkCount() : transfer.newestChunkSeen + 1;
        final long consumed = link.consumedDataPosition();
        final int maxRanges = link.control().maxResendRanges();
        int count = 0;
        int frames = 0;
        for (int c = transfer.verified.nextClearBit(0); c < limit && count < maxRanges;
            c = transfer.verified.nextClearBit(c + 1))
        {
            final boolean due = consumed >= transfer.retryAfterPosition[c] ||
                (quiet && nowNs - transfer.lastRequestNs[c] >= retryNs);
            if (transfer.verifying.get(c) || !due)
            {
                continue;
            }
            final int before = count;
            count = transfer.frames.appendMissing(c, manifest.chunkLengthOf(c), rangeScratch, count, maxRanges);
            for (int r = before; r < count; r++)
            {
                frames += ChunkFrames.framesIn(rangeScratch[3 * r + 2], transfer.frameLength);
            }
        }
        if (count == 0 || !link.control().resendRequest(transfer.id, rangeScratch, count))
        {
            return 0;
        }

        final long retryAfter = retryPosition(link, (long)frames * (transfer.frameLength + 64));
        for (int r = 0; r < count; r++)
        {
            final int c = rangeScratch[3 * r];
            transfer.lastRequestNs[c] = nowNs;
            transfer.retryAfterPosition[c] = retryAfter;
        }
        link.countRepairRequested(frames);
        return 1;
    }

    /**
     * Stream position beyond which a resend of {@code bytes} requested now must have arrived.
     */
    private static long retryPosition(final PeerLink link, final long bytes)
    {
        final long received = link.receivedDataPosition();
        return received < 0 ? Long.MAX_VALUE : received + link.windowLength() + bytes;
    }

    /**
     * Ask for a whole chunk again after it failed verification.
     */
    void requestWholeChunk(final InboundTransfer transfer, final int chunkIndex, final long nowNs)
    {
        rangeScratch[0] = chunkIndex;
        rangeScratch[1] = 0;
        rangeScratch[2] = transfer.manifest.chunkLengthOf(chunkIndex);
        transfer.lastRequestNs[chunkIndex] = nowNs;
        transfer.retryAfterPosition[chunkIndex] = retryPosition(transfer.link, rangeScratch[2]);
        transfer.link.control().resendRequest(transfer.id, rangeScratch, 1);
    }
}
