package io.ferry.replication;

import io.ferry.codec.CancelDecoder;
import io.ferry.codec.CommitDecoder;
import io.ferry.codec.ManifestPartDecoder;
import io.ferry.codec.RejectReason;
import io.ferry.codec.TransferOfferDecoder;
import io.ferry.replication.manifest.Manifest;
import io.ferry.transport.ControlProxy;
import io.ferry.transport.PeerLink;

import org.agrona.collections.Long2ObjectHashMap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The target side of replication on the link agent: admits offers, assembles manifests, places data frames in
 * staging, has chunks verified and acknowledged, and publishes on commit. File work runs on the storage agent.
 */
final class TargetEngine
{
    /** Largest encoded manifest a peer may offer. */
    static final int MAX_MANIFEST_LENGTH = 256 * 1024 * 1024;

    private final Map<String, Path> datasetRoots;
    private final EventLog log;
    private final StorageAgent storage;
    private final Journal journal;
    private final Consumer<Runnable> toLinkAgent;
    private final Long2ObjectHashMap<InboundTransfer> inbound = new Long2ObjectHashMap<>();
    private final ArrayList<InboundTransfer> receiving = new ArrayList<>();
    private final AckFlusher acks = new AckFlusher();
    private final RepairRequester repairs = new RepairRequester();
    private final StorageAgent.ResultListener resultListener = this::onVerified;
    private final StagingTasks stagingTasks;
    private long nowNs;

    TargetEngine(
        final Map<String, Path> datasetRoots,
        final Map<String, Integer> datasetRetain,
        final EventLog log,
        final StorageAgent storage,
        final Journal journal,
        final Consumer<Runnable> toLinkAgent)
    {
        this.datasetRoots = datasetRoots;
        this.log = log;
        this.storage = storage;
        this.journal = journal;
        this.stagingTasks = new StagingTasks(datasetRoots, datasetRetain, journal, log);
        this.toLinkAgent = toLinkAgent;
    }

    /**
     * Set the time used for callbacks in this duty cycle.
     */
    void clock(final long nowNs)
    {
        this.nowNs = nowNs;
    }

    /**
     * Duty-cycle work: verification results, verification requests that did not fit, selective repair, acks.
     */
    int doWork(final long nowNs)
    {
        this.nowNs = nowNs;
        int work = storage.pollResults(resultListener, 64);
        work += storage.retryVerifyBacklog();
        for (int i = 0, n = receiving.size(); i < n; i++)
        {
            work += repairs.requestRepairs(receiving.get(i), nowNs);
        }
        work += acks.flush();
        return work;
    }

    int activeCount()
    {
        return inbound.size();
    }

    void onOffer(final PeerLink link, final TransferOfferDecoder offer)
    {
        final long id = offer.transferId();
        final int manifestLength = offer.manifestLength();
        final byte[] digest = new byte[TransferOfferDecoder.manifestDigestLength()];
        offer.getManifestDigest(digest, 0, digest.length);
        final long totalBytes = offer.totalBytes();
        final int chunkCount = offer.chunkCount();
        final int frameLength = offer.frameLength();
        final String dataset = offer.dataset();
        final String version = offer.version();
        final ControlProxy control = link.control();

        final InboundTransfer existing = inbound.get(id);
        if (null != existing)
        {
            if (existing.link == link && Arrays.equals(existing.offeredDigest, digest) &&
                existing.phase == InboundTransfer.Phase.RECEIVING)
            {
                existing.forgetPartialChunks(nowNs);
                acceptWithHeldChunks(existing);
            }
            return;
        }

        final Path root = datasetRoots.get(dataset);
        if (null == root)
        {
            reject(link, id, RejectReason.UNKNOWN_DATASET, "dataset '" + dataset + "' is not configured on this hub");
            return;
        }
        final String labelProblem = VersionLabels.problem(version);
        if (null != labelProblem)
        {
            reject(link, id, RejectReason.BAD_MANIFEST, labelProblem + ": '" + version + "'");
            return;
        }
        if (manifestLength <= 0 || manifestLength > MAX_MANIFEST_LENGTH || totalBytes < 0 || chunkCount < 0)
        {
            reject(link, id, RejectReason.BAD_MANIFEST, "manifest length " + manifestLength + " out of bounds");
            return;
        }
        if (frameLength < 256 || frameLength > 65536)
        {
            reject(link, id, RejectReason.PROTOCOL_ERROR, "frame length " + frameLength + " out of bounds");
            return;
        }

        final DatasetDirectory directory = new DatasetDirectory(root);
        try
        {
            final String published = directory.publishedDigest(version);
            if (null != published && published.equals(HexFormat.of().formatHex(digest)))
            {
                // Published before: perhaps this hub stopped between the rename and telling the source.
                if (journal.knowsInbound(id))
                {
                    journal.inboundEnded(id);
                }
                control.committed(id, 0);
                return;
            }
            if (null != published || java.nio.file.Files.exists(directory.versionPath(version)))
            {
                reject(link, id, RejectReason.VERSION_EXISTS,
                    "version '" + version + "' of '" + dataset + "' already exists with different content");
                return;
            }
        }
        catch (final IOException ex)
        {
            reject(link, id, RejectReason.IO_ERROR, "cannot read dataset root " + root + ": " + ex.getMessage());
            return;
        }

        inbound.put(id, new InboundTransfer(
            id, link, dataset, version, directory, digest, totalBytes, chunkCount, frameLength, manifestLength));
        log.info("offer " + TransferIds.format(id) + " " + dataset + "/" + version + " from " + link.id() + ": " +
            totalBytes + " bytes in " + chunkCount + " chunks");
    }

    void onManifestPart(final PeerLink link, final ManifestPartDecoder part)
    {
        final InboundTransfer transfer = inbound.get(part.transferId());
        if (null == transfer || transfer.link != link || transfer.phase != InboundTransfer.Phase.RECEIVING_MANIFEST)
        {
            return;
        }
        final int offset = part.partOffset();
        final int length = part.bytesLength();
        if (offset != transfer.manifestReceived || length > transfer.manifestBytes.length - offset)
        {
            part.skipBytes();
            return;
        }
        part.getBytes(transfer.manifestBytes, offset, length);
        transfer.manifestReceived += length;
        if (transfer.manifestReceived == transfer.manifestBytes.length)
        {
            transfer.phase = InboundTransfer.Phase.PREPARING;
            submit(() -> prepare(transfer));
        }
    }

    /**
     * Prepare staging (storage agent), then accept, suspend or reject on the link agent.
     */
    private void prepare(final InboundTransfer transfer)
    {
        final StagingTasks.Prepared prepared = stagingTasks.prepare(transfer);
        if (null == prepared.refusal())
        {
            storage.register(transfer.id, prepared.staging());
            toLinkAgent.accept(() -> onPrepared(transfer, prepared.manifest(), prepared.staging(), prepared.held()));
        }
        else if (prepared.keepStaging())
        {
            toLinkAgent.accept(() -> suspendInbound(transfer, prepared.refusal(), prepared.message()));
        }
        else
        {
            toLinkAgent.accept(() -> rejectInbound(transfer, prepared.refusal(), prepared.message()));
        }
    }

    private void onPrepared(
        final InboundTransfer transfer, final Manifest manifest, final StagingArea staging, final BitSet held)
    {
        if (inbound.get(transfer.id) != transfer)
        {
            return;
        }
        transfer.prepared(manifest, staging, held, nowNs);
        receiving.add(transfer);
        acceptWithHeldChunks(transfer);
    }

    /**
     * Accept with the ranges of chunks held; verified chunks beyond the ranges one accept can carry are acked.
     */
    private void acceptWithHeldChunks(final InboundTransfer transfer)
    {
        final ControlProxy control = transfer.link.control();
        final int[] ranges = transfer.verifiedRanges(control.maxHeldRanges());
        control.accept(transfer.id, ranges, ranges.length / 2);
        final int coveredEnd = ranges.length > 0 ? ranges[ranges.length - 2] + ranges[ranges.length - 1] : 0;
        for (int c = transfer.verified.nextSetBit(coveredEnd); c >= 0; c = transfer.verified.nextSetBit(c + 1))
        {
            acks.add(transfer, c);
        }
    }

    void onData(
        final PeerLink link, final long transferId, final int chunkIndex, final int fileIndex, final long fileOffset,
        final ByteBuffer payload)
    {
        final InboundTransfer transfer = inbound.get(transferId);
        if (null == transfer || transfer.link != link || transfer.phase != InboundTransfer.Phase.RECEIVING)
        {
            link.countDataDiscarded();
            return;
        }
        final Manifest manifest = transfer.manifest;
        final int length = payload.remaining();
        if (chunkIndex < 0 || chunkIndex >= manifest.chunkCount() ||
            manifest.entryIndexOfChunk(chunkIndex) != fileIndex)
        {
            link.countDataDiscarded();
            return;
        }
        final long chunkStart = manifest.chunkFileOffset(chunkIndex);
        final int chunkLength = manifest.chunkLengthOf(chunkIndex);
        final long offsetInChunk = fileOffset - chunkStart;
        if (offsetInChunk < 0 || offsetInChunk + length > chunkLength || length == 0 ||
            !transfer.frames.isAligned((int)offsetInChunk) || transfer.verified.get(chunkIndex) ||
            transfer.verifying.get(chunkIndex))
        {
            link.countDataDiscarded();
            return;
        }
        transfer.lastFrameNs = nowNs;
        if (chunkIndex > transfer.newestChunkSeen)
        {
            transfer.newestChunkSeen = chunkIndex;
        }
        if (!transfer.frames.onFrame(chunkIndex, (int)offsetInChunk))
        {
            link.countDataDiscarded();
            return;
        }

        try
        {
            transfer.staging.write(fileIndex, fileOffset, payload);
        }
        catch (final IOException ex)
        {
            if (FileErrors.isNoSpace(ex))
            {
                suspendInbound(transfer, RejectReason.DISK_FULL, "file system of " + transfer.directory.root() +
                    " is full; staging kept, the transfer resumes when space is freed");
            }
            else
            {
                rejectInbound(transfer, RejectReason.IO_ERROR, "write to staging failed: " + ex.getMessage());
            }
            return;
        }
        transfer.bytesReceived += length;
        if (transfer.frames.isComplete(chunkIndex, chunkLength))
        {
            transfer.verifying.set(chunkIndex);
            storage.verify(transfer.id, chunkIndex);
        }
    }


    private void onVerified(final long transferId, final int chunkIndex, final boolean ok)
    {
        final InboundTransfer transfer = inbound.get(transferId);
        if (null == transfer || null == transfer.manifest || !transfer.verifying.get(chunkIndex))
        {
            return;
        }
        transfer.verifying.clear(chunkIndex);
        transfer.frames.release(chunkIndex);
        if (ok)
        {
            transfer.verified.set(chunkIndex);
            transfer.verifiedCount++;
            transfer.bytesDurable += transfer.manifest.chunkLengthOf(chunkIndex);
            acks.add(transfer, chunkIndex);
            publishIfComplete(transfer);
        }
        else
        {
            repairs.requestWholeChunk(transfer, chunkIndex, nowNs);
            log.warn("transfer " + TransferIds.format(transfer.id) + ": chunk " + chunkIndex +
                " failed verification; asked for it again");
        }
    }

    void onCommit(final PeerLink link, final CommitDecoder commit)
    {
        final InboundTransfer transfer = inbound.get(commit.transferId());
        if (null == transfer || transfer.link != link || transfer.phase != InboundTransfer.Phase.RECEIVING)
        {
            return;
        }
        transfer.commitRequested = true;
        publishIfComplete(transfer);
    }

    private void publishIfComplete(final InboundTransfer transfer)
    {
        if (!transfer.commitRequested || transfer.verifiedCount < transfer.manifest.chunkCount() ||
            transfer.phase != InboundTransfer.Phase.RECEIVING)
        {
            return;
        }
        receiving.remove(transfer);
        transfer.phase = InboundTransfer.Phase.PUBLISHING;
        transfer.staging.closeWriter();
        submit(() -> publish(transfer));
    }

    private void publish(final InboundTransfer transfer)
    {
        try
        {
            storage.unregister(transfer.id);
            stagingTasks.publish(transfer);
            toLinkAgent.accept(() -> onPublished(transfer));
        }
        catch (final IOException ex)
        {
            toLinkAgent.accept(() -> rejectInbound(
                transfer, RejectReason.IO_ERROR, "publication of " + transfer.version + " failed: " + ex.getMessage()));
        }
    }

    private void onPublished(final InboundTransfer transfer)
    {
        inbound.remove(transfer.id);
        transfer.link.control().committed(transfer.id, transfer.bytesReceived);
        log.info("committed " + transfer.dataset + "/" + transfer.version + " from " + transfer.link.id() + " (" +
            transfer.bytesReceived + " bytes received)");
    }

    void onCancel(final PeerLink link, final CancelDecoder cancel)
    {
        final long id = cancel.transferId();
        final InboundTransfer transfer = inbound.get(id);
        if (null != transfer && transfer.link == link && transfer.phase != InboundTransfer.Phase.PUBLISHING)
        {
            discard(transfer);
            log.info("transfer " + TransferIds.format(transfer.id) + " cancelled by " + link.id());
        }
        else if (null == transfer)
        {
            // A transfer suspended (full disk) or left from before a restart: only its staging remains.
            submit(() -> stagingTasks.dropJournaledStaging(id, link.id()));
        }
    }

    void onPeerDown(final PeerLink link)
    {
        for (final InboundTransfer transfer : inbound.values())
        {
            if (transfer.link == link && null != transfer.staging)
            {
                transfer.staging.closeWriter();
            }
        }
    }

    /**
     * Refuse to go on for now but keep staging and the journal entry: a later offer of the same transfer resumes.
     */
    private void suspendInbound(final InboundTransfer transfer, final RejectReason reason, final String message)
    {
        if (inbound.get(transfer.id) != transfer)
        {
            return;
        }
        reject(transfer.link, transfer.id, reason, message);
        inbound.remove(transfer.id);
        acks.remove(transfer);
        receiving.remove(transfer);
        if (null != transfer.staging)
        {
            transfer.staging.closeWriter();
            submit(() -> storage.unregister(transfer.id));
        }
    }

    private void rejectInbound(final InboundTransfer transfer, final RejectReason reason, final String message)
    {
        if (inbound.get(transfer.id) != transfer)
        {
            return;
        }
        reject(transfer.link, transfer.id, reason, message);
        discard(transfer);
    }

    private void discard(final InboundTransfer transfer)
    {
        inbound.remove(transfer.id);
        acks.remove(transfer);
        receiving.remove(transfer);
        final StagingArea staging = null != transfer.staging ?
            transfer.staging : new StagingArea(transfer.directory, transfer.id, null);
        staging.closeWriter();
        submit(() ->
        {
            storage.unregister(transfer.id);
            try
            {
                staging.delete();
                journal.inboundEnded(transfer.id);
            }
            catch (final IOException ex)
            {
                log.warn("could not remove staging of " + TransferIds.format(transfer.id) + ": " + ex.getMessage());
            }
        });
    }

    private void reject(final PeerLink link, final long id, final RejectReason reason, final String message)
    {
        link.control().reject(id, reason, message);
        log.warn("rejected " + TransferIds.format(id) + " from " + link.id() + ": " + reason + ": " + message);
    }

    private void submit(final Runnable task)
    {
        if (!storage.offerTask(task))
        {
            throw new IllegalStateException("storage queue full");
        }
    }
}
