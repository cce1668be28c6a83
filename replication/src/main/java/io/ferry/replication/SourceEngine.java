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
final class SourceEngine implements LinkScheduler.FrameSender
{
    /** Source files checked against the manifest per duty cycle before a Commit, to bound the cycle's length. */
    static final int SOURCE_CHECKS_PER_CYCLE = 16;

    private final ReplicationContext ctx;
    private final EventLog log;
    private final Consumer<TransferRecord> onRetired;
    private final Long2ObjectHashMap<TransferRecord> active = new Long2ObjectHashMap<>();
    private final List<TransferRecord> order = new ArrayList<>();
    private final List<LinkScheduler> schedulers = new ArrayList<>();
    private boolean linkRefused;
    private volatile long sourceBytesRead;

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

    /**
     * Bytes read from source files by every transfer of this hub, re-reads included.
     *
     * @return bytes.
     */
    long sourceBytesRead()
    {
        return sourceBytesRead;
    }

    void add(final TransferRecord record)
    {
        if (record.kind == DataKind.CHECKPOINT && ctx.supersedeCheckpoints(record.dataset))
        {
            Supersession.supersedeOlder(order, record, System.currentTimeMillis(), log);
        }
        active.put(record.id, record);
        order.add(record);
        order.sort((a, b) -> a.priority.compareTo(b.priority));
        for (final TargetSession target : record.targets)
        {
            if (!target.state().isTerminal())
            {
                scheduler(target.link).add(target);
            }
        }
    }

    void cancel(final TransferRecord record, final long nowMs)
    {
        for (final TargetSession target : record.targets)
        {
            target.abort(record.id, TransferState.CANCELLED, "CANCELLED", "cancelled by request");
        }
        record.touch(nowMs);
        retire(record);
        log.info("transfer " + record.idText + " cancelled");
    }

    void onPeerDown(final PeerLink link)
    {
        for (int i = 0, n = order.size(); i < n; i++)
        {
            final TransferRecord record = order.get(i);
            boolean anyStarted = false;
            for (final TargetSession target : record.targets)
            {
                if (target.link == link)
                {
                    target.rewind();
                }
                anyStarted |= !target.state().isTerminal() && target.state() != TransferState.QUEUED;
            }
            if (!anyStarted)
            {
                // Nobody reads until a link is up again: give the buffers back meanwhile.
                record.closeReader();
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
                    if (target.entriesChecked < manifest.entryCount())
                    {
                        return checkSource(record, manifest, target);
                    }
                    // Everything has been sent once and the files still match the manifest: Commit asks the target
                    // to report what is still missing and to publish as soon as every chunk is verified.
                    target.entriesChecked = 0;
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

    private int checkSource(final TransferRecord record, final Manifest manifest, final TargetSession target)
    {
        try
        {
            target.entriesChecked = SourceCheck.checkNext(
                record.source, manifest, target.entriesChecked, SOURCE_CHECKS_PER_CYCLE);
        }
        catch (final IOException ex)
        {
            failTarget(record, target, ex instanceof SourceChangedException ? "SOURCE_CHANGED" : "SOURCE_UNREADABLE",
                ex.getMessage());
        }
        return 1;
    }

    private LinkScheduler scheduler(final PeerLink link)
    {
        for (int i = 0, n = schedulers.size(); i < n; i++)
        {
            if (schedulers.get(i).link == link)
            {
                return schedulers.get(i);
            }
        }
        final LinkScheduler scheduler = new LinkScheduler(link);
        schedulers.add(scheduler);
        return scheduler;
    }

    private int sendData(final long nowNs)
    {
        int work = 0;
        for (int i = 0, n = schedulers.size(); i < n; i++)
        {
            final LinkScheduler scheduler = schedulers.get(i);
            if (scheduler.link.isUp())
            {
                work += scheduler.doWork(this, nowNs);
            }
        }
        return work;
    }

    public boolean linkRefused()
    {
        return linkRefused;
    }

    public int sendFrames(final TargetSession target, final long nowNs, final int maxFrames)
    {
        linkRefused = false;
        final TransferRecord record = target.record;
        final Manifest manifest = record.manifest();
        final PeerLink link = target.link;
        final int maxPayload = link.data().maxPayloadLength();
        final ChunkReader reader = record.reader();
        final long readBefore = reader.bytesRead();
        int frames = 0;
        int resent = 0;
        try
        {
            while (frames < maxFrames && target.deficitBytes > 0)
            {
                // Reported-missing ranges pre-empt the cursor frame by frame, so a repair never waits for a chunk.
                final boolean repair = target.loadResend();
                if (!repair && (target.cursorChunk < 0 && LeadLimit.holdCursor(target, nowNs) ||
                    !target.loadCursor(manifest)))
                {
                    break;
                }
                final int chunk = repair ? target.resendChunk : target.cursorChunk;
                final int offset = repair ? target.resendOffset : target.cursorOffset;
                final int end = repair ? target.resendEnd : target.cursorEnd;
                final int length = Math.min(maxPayload, end - offset);
                final int wireLength = DataPublisher.wireLength(length);
                if (!link.pacer().tryAcquire(wireLength, nowNs))
                {
                    linkRefused = true;
                    break;
                }
                final int fileIndex = manifest.entryIndexOfChunk(chunk);
                final long fileOffset = manifest.chunkFileOffset(chunk) + offset;
                final ByteBuffer slice = reader.slice(fileIndex, fileOffset, length, repair);
                final long position = link.data().send(record.id, chunk, fileIndex, fileOffset, slice);
                if (position < 0)
                {
                    linkRefused = true;
                    break;
                }
                target.lastSentPosition[chunk] = position;
                frames++;
                target.deficitBytes -= wireLength;
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
            failTarget(record, target, ex instanceof SourceChangedException ? "SOURCE_CHANGED" : "SOURCE_UNREADABLE",
                ex.getMessage());
        }
        final long read = reader.bytesRead() - readBefore;
        if (read > 0)
        {
            record.addSourceBytesRead(read);
            sourceBytesRead = sourceBytesRead + read;
        }
        if (frames > 0)
        {
            target.lastProgressNs = nowNs;
        }
        if (resent > 0)
        {
            link.countRepairResent(resent);
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
            // Only newly queued frames are loss: a target repeats a report until the resend arrives.
            framesMissing += target.onMissing(range.chunkIndex(), range.offset(), range.length(), manifest, frameLength);
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
        target.abort(record.id, TransferState.FAILED, reason, message);
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
            scheduler(target.link).remove(target);
        }
        record.closeReader();
        final Manifest manifest = record.manifest();
        if (null != manifest && record.sourceBytesRead() > 0)
        {
            log.info("transfer " + record.idText + " done: read " + record.sourceBytesRead() + " source bytes for " +
                manifest.totalBytes() + " bytes to " + record.targets.length + " target(s)");
        }
    }
}
