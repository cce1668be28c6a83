package io.ferry.replication;

import io.ferry.codec.ChunkAckDecoder;
import io.ferry.codec.Priority;
import io.ferry.codec.RejectReason;
import io.ferry.codec.ResendRequestDecoder;
import io.ferry.codec.TransferAcceptDecoder;
import io.ferry.codec.TransferKind;
import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.manifest.Manifest;
import io.ferry.transport.ControlProxy;
import io.ferry.transport.DataPublisher;
import io.ferry.transport.PeerLink;

import org.agrona.collections.Long2ObjectHashMap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The source side of replication on the link agent: offers versions to targets, sends the chunks they do not
 * hold, resends what they ask for, and commits when every chunk is acknowledged.
 */
final class SourceEngine
{
    private static final int FRAMES_PER_SESSION_PER_CYCLE = 256;

    private final ReplicationContext ctx;
    private final EventLog log;
    private final Consumer<TransferRecord> onRetired;
    private final Long2ObjectHashMap<TransferRecord> active = new Long2ObjectHashMap<>();
    private final List<TransferRecord> order = new ArrayList<>();
    private int roundRobin;

    SourceEngine(final ReplicationContext ctx, final EventLog log, final Consumer<TransferRecord> onRetired)
    {
        this.ctx = ctx;
        this.log = log;
        this.onRetired = onRetired;
    }

    int activeCount()
    {
        return order.size();
    }

    void add(final TransferRecord record)
    {
        active.put(record.id, record);
        order.add(record);
        order.sort((a, b) -> a.priority.compareTo(b.priority));
    }

    void cancel(final TransferRecord record, final long nowMs)
    {
        for (final TargetSession target : record.targets)
        {
            if (!target.state().isTerminal())
            {
                if (target.state() != TransferState.QUEUED && target.link.isUp())
                {
                    target.link.control().cancel(record.id);
                }
                target.fail(TransferState.CANCELLED, "CANCELLED", "cancelled by request");
            }
        }
        record.touch(nowMs);
        retire(record);
        log.info("transfer " + record.idText + " cancelled");
    }

    void onPeerDown(final PeerLink link)
    {
        for (int i = 0, n = order.size(); i < n; i++)
        {
            for (final TargetSession target : order.get(i).targets)
            {
                if (target.link == link)
                {
                    target.rewind();
                }
            }
        }
    }

    int doWork(final long nowNs, final long nowMs)
    {
        int work = 0;
        final int n = order.size();
        for (int i = 0; i < n; i++)
        {
            final TransferRecord record = order.get(i);
            final Manifest manifest = record.manifest();
            if (null == manifest)
            {
                continue;
            }
            for (final TargetSession target : record.targets)
            {
                work += advance(record, manifest, target, nowNs, nowMs);
            }
            record.sampleRate(nowMs);
        }
        work += sendData(nowNs);

        for (int i = order.size() - 1; i >= 0; i--)
        {
            final TransferRecord record = order.get(i);
            if (record.isTerminal())
            {
                retire(record);
            }
        }
        return work;
    }

    private int advance(
        final TransferRecord record, final Manifest manifest, final TargetSession target, final long nowNs,
        final long nowMs)
    {
        final PeerLink link = target.link;
        switch (target.state())
        {
            case QUEUED:
                if (link.isUp() && nowNs >= target.retryAtNs)
                {
                    offer(record, manifest, target, link.endpoint().mtu());
                    target.state(TransferState.OFFERED);
                    target.lastProgressNs = nowNs;
                    record.touch(nowMs);
                    return 1;
                }
                return 0;

            case SENDING:
                if (!target.hasWork(manifest.chunkCount()))
                {
                    // Everything has been sent once: Commit asks the target to report what is still missing and to
                    // publish as soon as every chunk is verified.
                    link.control().commit(record.id);
                    target.state(TransferState.VERIFYING);
                    target.lastProgressNs = nowNs;
                    record.touch(nowMs);
                    return 1;
                }
                return 0;

            case OFFERED:
            case VERIFYING:
                // Once every chunk is acknowledged the target is publishing (fsync can take long): wait for it.
                final boolean publishing =
                    target.state() == TransferState.VERIFYING && target.ackedCount == manifest.chunkCount();
                if (!publishing && nowNs - target.lastProgressNs > ctx.ackStallTimeoutNs())
                {
                    log.warn("transfer " + record.idText + " to " + target.hub + ": no progress for " +
                        (ctx.ackStallTimeoutNs() / 1_000_000_000L) + " s in " + target.state() + "; offering again");
                    target.rewind();
                    return 1;
                }
                return 0;

            default:
                return 0;
        }
    }

    private static void offer(
        final TransferRecord record, final Manifest manifest, final TargetSession target, final int mtu)
    {
        final ControlProxy control = target.link.control();
        final byte[] encoded = manifest.encoded();
        control.offer(
            record.id,
            record.kind == DataKind.CHECKPOINT ? TransferKind.CHECKPOINT : TransferKind.DATASET,
            Priority.get((short)record.priority.ordinal()),
            encoded.length,
            manifest.digest(),
            manifest.totalBytes(),
            manifest.chunkCount(),
            target.link.data().maxPayloadLength(),
            record.dataset,
            record.version);
        final int partLength = ControlProxy.maxManifestPartLength(mtu);
        for (int offset = 0; offset < encoded.length; offset += partLength)
        {
            control.manifestPart(record.id, offset, encoded, Math.min(partLength, encoded.length - offset));
        }
    }

    private int sendData(final long nowNs)
    {
        int work = 0;
        final int n = order.size();
        for (int k = 0; k < n; k++)
        {
            final TransferRecord record = order.get((k + roundRobin) % n);
            final Manifest manifest = record.manifest();
            if (null == manifest)
            {
                continue;
            }
            for (final TargetSession target : record.targets)
            {
                if (target.state() == TransferState.SENDING && target.link.isUp())
                {
                    work += sendFrames(record, manifest, target, nowNs);
                }
            }
        }
        roundRobin = n == 0 ? 0 : (roundRobin + 1) % n;
        return work;
    }

    private int sendFrames(
        final TransferRecord record, final Manifest manifest, final TargetSession target, final long nowNs)
    {
        final int maxPayload = target.link.data().maxPayloadLength();
        int frames = 0;
        int resent = 0;
        try
        {
            while (frames < FRAMES_PER_SESSION_PER_CYCLE)
            {
                // Reported-missing ranges pre-empt the cursor frame by frame, so a repair never waits for a chunk.
                final boolean repair = target.loadResend();
                if (!repair && !target.loadCursor(manifest))
                {
                    break;
                }
                final int chunk = repair ? target.resendChunk : target.cursorChunk;
                final int offset = repair ? target.resendOffset : target.cursorOffset;
                final int end = repair ? target.resendEnd : target.cursorEnd;
                final int length = Math.min(maxPayload, end - offset);
                if (!target.link.pacer().tryAcquire(DataPublisher.wireLength(length), nowNs))
                {
                    break;
                }
                final int fileIndex = manifest.entryIndexOfChunk(chunk);
                final long fileOffset = manifest.chunkFileOffset(chunk) + offset;
                if (null == target.reader)
                {
                    target.reader = new ChunkReader(record.source, manifest);
                }
                final ByteBuffer slice = target.reader.slice(fileIndex, fileOffset, length);
                final long result = target.link.data().send(record.id, chunk, fileIndex, fileOffset, slice);
                if (result < 0)
                {
                    break;
                }
                target.lastSentPosition[chunk] = result;
                frames++;
                if (repair)
                {
                    resent++;
                    target.resendOffset += length;
                    if (target.resendOffset >= end)
                    {
                        target.resendChunk = -1;
                    }
                }
                else
                {
                    target.cursorOffset += length;
                    if (target.cursorOffset >= end)
                    {
                        target.cursorChunk = -1;
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            failTarget(record, target, "SOURCE_CHANGED", ex.getMessage());
        }
        if (frames > 0)
        {
            target.lastProgressNs = nowNs;
        }
        if (resent > 0)
        {
            target.link.countRepairResent(resent);
        }
        return frames;
    }

    void onAccept(final PeerLink link, final TransferAcceptDecoder accept, final long nowNs, final long nowMs)
    {
        final TargetSession target = target(link, accept.transferId());
        if (null == target || target.state() != TransferState.OFFERED)
        {
            return;
        }
        final TransferRecord record = active.get(accept.transferId());
        final Manifest manifest = record.manifest();
        for (final TransferAcceptDecoder.HeldRangesDecoder range : accept.heldRanges())
        {
            final int first = range.firstChunk();
            final int count = range.chunkCount();
            for (int c = Math.max(0, first), end = (int)Math.min((long)first + count, manifest.chunkCount()); c < end; c++)
            {
                target.onAcked(c, manifest, nowNs);
            }
        }
        target.accepted();
        target.state(TransferState.SENDING);
        target.lastProgressNs = nowNs;
        record.touch(nowMs);
    }

    void onChunkAck(final PeerLink link, final ChunkAckDecoder ack, final long nowNs, final long nowMs)
    {
        final TargetSession target = target(link, ack.transferId());
        if (null == target)
        {
            return;
        }
        final Manifest manifest = active.get(ack.transferId()).manifest();
        for (final ChunkAckDecoder.ChunksDecoder chunk : ack.chunks())
        {
            target.onAcked(chunk.chunkIndex(), manifest, nowNs);
        }
        active.get(ack.transferId()).touch(nowMs);
    }

    void onResendRequest(final PeerLink link, final ResendRequestDecoder request, final long nowNs)
    {
        final TargetSession target = target(link, request.transferId());
        if (null == target)
        {
            return;
        }
        final Manifest manifest = active.get(request.transferId()).manifest();
        final int frameLength = target.link.data().maxPayloadLength();
        int framesMissing = 0;
        for (final ResendRequestDecoder.RangesDecoder range : request.ranges())
        {
            final int length = range.length();
            target.onMissing(range.chunkIndex(), range.offset(), length, manifest, frameLength);
            framesMissing += length > 0 ? (length + frameLength - 1) / frameLength : 0;
        }
        target.link.onPeerReportedMissing(framesMissing);
        if (target.state() == TransferState.VERIFYING)
        {
            target.state(TransferState.SENDING);
        }
        target.lastProgressNs = nowNs;
    }

    void onCommitted(final PeerLink link, final long transferId, final long nowMs)
    {
        final TargetSession target = target(link, transferId);
        if (null == target)
        {
            return;
        }
        final TransferRecord record = active.get(transferId);
        target.state(TransferState.COMMITTED);
        target.closeReader();
        record.touch(nowMs);
        log.info("transfer " + record.idText + " " + record.dataset + "/" + record.version + " committed on " +
            target.hub);
    }

    void onReject(final PeerLink link, final long transferId, final RejectReason reason, final String message)
    {
        final TargetSession target = target(link, transferId);
        if (null == target)
        {
            return;
        }
        if (reason == RejectReason.DISK_FULL && target.wasAccepted())
        {
            // The target keeps its staging: offer again after a back-off, and it states what it still holds.
            final long backoffNs = target.suspend(reason.name(), message, System.nanoTime());
            log.warn("transfer " + active.get(transferId).idText + " to " + target.hub + " paused: " + reason + ": " +
                message + "; offering again in " + backoffNs / 1_000_000 + " ms");
            return;
        }
        failTarget(active.get(transferId), target, reason.name(), message);
    }

    private void failTarget(
        final TransferRecord record, final TargetSession target, final String reason, final String message)
    {
        if (target.state() != TransferState.QUEUED && target.link.isUp())
        {
            // The target drops its staging instead of waiting for data that will not come.
            target.link.control().cancel(record.id);
        }
        target.fail(TransferState.FAILED, reason, message);
        record.touch(System.currentTimeMillis());
        log.warn("transfer " + record.idText + " to " + target.hub + " failed: " + reason + ": " + message);
    }

    private TargetSession target(final PeerLink link, final long transferId)
    {
        final TransferRecord record = active.get(transferId);
        if (null == record)
        {
            return null;
        }
        for (final TargetSession target : record.targets)
        {
            if (target.link == link && !target.state().isTerminal())
            {
                return target;
            }
        }
        return null;
    }

    private void retire(final TransferRecord record)
    {
        if (null == active.remove(record.id))
        {
            return;
        }
        order.remove(record);
        onRetired.accept(record);
        for (final TargetSession target : record.targets)
        {
            target.closeReader();
        }
    }
}
