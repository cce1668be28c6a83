package io.ferry.replication;

import io.ferry.codec.CancelDecoder;
import io.ferry.codec.CommitDecoder;
import io.ferry.codec.ManifestPartDecoder;
import io.ferry.codec.RejectReason;
import io.ferry.codec.TransferOfferDecoder;
import io.ferry.replication.manifest.Manifest;
import io.ferry.replication.manifest.ManifestCodec;
import io.ferry.replication.manifest.ManifestException;
import io.ferry.replication.manifest.ManifestLimits;
import io.ferry.transport.ControlProxy;
import io.ferry.transport.PeerLink;

import org.agrona.collections.Long2ObjectHashMap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
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
    private final TaskAgent storage;
    private final Consumer<Runnable> toLinkAgent;
    private final Long2ObjectHashMap<InboundTransfer> inbound = new Long2ObjectHashMap<>();
    private final List<InboundTransfer> withPendingAcks = new ArrayList<>();
    private final int[] ackScratch = new int[ControlProxy.MAX_GROUP_ENTRIES];
    private final StorageWorker worker = new StorageWorker();
    private long droppedFrames;

    TargetEngine(
        final Map<String, Path> datasetRoots,
        final EventLog log,
        final TaskAgent storage,
        final Consumer<Runnable> toLinkAgent)
    {
        this.datasetRoots = datasetRoots;
        this.log = log;
        this.storage = storage;
        this.toLinkAgent = toLinkAgent;
    }

    int activeCount()
    {
        return inbound.size();
    }

    long droppedFrames()
    {
        return droppedFrames;
    }

    void onOffer(final PeerLink link, final TransferOfferDecoder offer)
    {
        final long id = offer.transferId();
        final int manifestLength = offer.manifestLength();
        final byte[] digest = new byte[TransferOfferDecoder.manifestDigestLength()];
        offer.getManifestDigest(digest, 0, digest.length);
        final long totalBytes = offer.totalBytes();
        final int chunkCount = offer.chunkCount();
        final String dataset = offer.dataset();
        final String version = offer.version();
        final ControlProxy control = link.control();

        final InboundTransfer existing = inbound.get(id);
        if (null != existing)
        {
            if (existing.link == link && Arrays.equals(existing.offeredDigest, digest) &&
                existing.phase == InboundTransfer.Phase.RECEIVING)
            {
                existing.forgetPartialChunks();
                final int[] ranges = existing.verifiedRanges(ControlProxy.MAX_GROUP_ENTRIES);
                control.accept(id, ranges, ranges.length / 2);
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

        final DatasetDirectory directory = new DatasetDirectory(root);
        try
        {
            final String published = directory.publishedDigest(version);
            if (null != published && published.equals(HexFormat.of().formatHex(digest)))
            {
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
            id, link, dataset, version, directory, digest, totalBytes, chunkCount, manifestLength));
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

    private void prepare(final InboundTransfer transfer)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(transfer.manifestBytes);
            if (!Arrays.equals(digest, transfer.offeredDigest))
            {
                throw new ManifestException("manifest digest does not match the offer");
            }
            final Manifest manifest = ManifestCodec.decode(
                transfer.manifestBytes, transfer.manifestBytes.length, ManifestLimits.defaults());
            if (manifest.chunkCount() != transfer.offeredChunkCount || manifest.totalBytes() != transfer.offeredTotalBytes)
            {
                throw new ManifestException("manifest totals do not match the offer");
            }
            final StagingArea staging = new StagingArea(transfer.directory, transfer.id, manifest);
            if (!staging.hasRoomFor(0))
            {
                toLinkAgent.accept(() -> rejectInbound(transfer, RejectReason.DISK_FULL,
                    "not enough free space in " + transfer.directory.root() + " for " + manifest.totalBytes() + " bytes"));
                return;
            }
            staging.prepare();
            toLinkAgent.accept(() -> onPrepared(transfer, manifest, staging));
        }
        catch (final ManifestException ex)
        {
            toLinkAgent.accept(() -> rejectInbound(transfer, RejectReason.BAD_MANIFEST, ex.getMessage()));
        }
        catch (final IOException | java.security.NoSuchAlgorithmException ex)
        {
            toLinkAgent.accept(() -> rejectInbound(transfer, RejectReason.IO_ERROR, String.valueOf(ex.getMessage())));
        }
    }

    private void onPrepared(final InboundTransfer transfer, final Manifest manifest, final StagingArea staging)
    {
        if (inbound.get(transfer.id) != transfer)
        {
            return;
        }
        transfer.prepared(manifest, staging);
        transfer.link.control().accept(transfer.id, new int[0], 0);
    }

    void onData(
        final PeerLink link, final long transferId, final int chunkIndex, final int fileIndex, final long fileOffset,
        final ByteBuffer payload)
    {
        final InboundTransfer transfer = inbound.get(transferId);
        if (null == transfer || transfer.link != link || transfer.phase != InboundTransfer.Phase.RECEIVING)
        {
            droppedFrames++;
            return;
        }
        final Manifest manifest = transfer.manifest;
        final int length = payload.remaining();
        if (chunkIndex < 0 || chunkIndex >= manifest.chunkCount() ||
            manifest.entryIndexOfChunk(chunkIndex) != fileIndex)
        {
            droppedFrames++;
            return;
        }
        final long chunkStart = manifest.chunkFileOffset(chunkIndex);
        final int chunkLength = manifest.chunkLengthOf(chunkIndex);
        if (fileOffset < chunkStart || fileOffset + length > chunkStart + chunkLength ||
            transfer.verified.get(chunkIndex) || transfer.verifying.get(chunkIndex))
        {
            droppedFrames++;
            return;
        }

        try
        {
            transfer.staging.write(fileIndex, fileOffset, payload);
        }
        catch (final IOException ex)
        {
            rejectInbound(transfer, RejectReason.IO_ERROR, "write to staging failed: " + ex.getMessage());
            return;
        }
        transfer.bytesReceived += length;
        transfer.chunkBytesReceived[chunkIndex] += length;
        if (transfer.chunkBytesReceived[chunkIndex] >= chunkLength)
        {
            transfer.verifying.set(chunkIndex);
            submit(() -> verify(transfer, chunkIndex));
        }
    }

    private void verify(final InboundTransfer transfer, final int chunkIndex)
    {
        boolean ok;
        try
        {
            ok = worker.verify(transfer.staging, chunkIndex);
        }
        catch (final IOException ex)
        {
            ok = false;
        }
        final boolean verified = ok;
        toLinkAgent.accept(() -> onVerified(transfer, chunkIndex, verified));
    }

    private void onVerified(final InboundTransfer transfer, final int chunkIndex, final boolean ok)
    {
        if (inbound.get(transfer.id) != transfer)
        {
            return;
        }
        transfer.verifying.clear(chunkIndex);
        if (ok)
        {
            transfer.verified.set(chunkIndex);
            transfer.verifiedCount++;
            transfer.bytesDurable += transfer.manifest.chunkLengthOf(chunkIndex);
            if (transfer.pendingAcks.isEmpty())
            {
                withPendingAcks.add(transfer);
            }
            transfer.pendingAcks.addInt(chunkIndex);
        }
        else
        {
            transfer.chunkBytesReceived[chunkIndex] = 0;
            ackScratch[0] = chunkIndex;
            transfer.link.control().resendRequest(transfer.id, ackScratch, 1);
            log.warn("transfer " + TransferIds.format(transfer.id) + ": chunk " + chunkIndex +
                " failed verification; asked for it again");
        }
    }

    int flushAcks()
    {
        int work = 0;
        for (int i = 0, n = withPendingAcks.size(); i < n; i++)
        {
            final InboundTransfer transfer = withPendingAcks.get(i);
            final int count = Math.min(transfer.pendingAcks.size(), ackScratch.length);
            for (int k = 0; k < count; k++)
            {
                ackScratch[k] = transfer.pendingAcks.getInt(k);
            }
            if (transfer.link.control().chunkAck(transfer.id, transfer.bytesDurable, ackScratch, count))
            {
                transfer.pendingAcks.clear();
                work++;
            }
        }
        withPendingAcks.removeIf(t -> t.pendingAcks.isEmpty());
        return work;
    }

    void onCommit(final PeerLink link, final CommitDecoder commit)
    {
        final InboundTransfer transfer = inbound.get(commit.transferId());
        if (null == transfer || transfer.link != link || transfer.phase != InboundTransfer.Phase.RECEIVING)
        {
            return;
        }
        if (transfer.verifiedCount < transfer.manifest.chunkCount())
        {
            final int[] missing = new int[Math.min(ControlProxy.MAX_GROUP_ENTRIES, transfer.manifest.chunkCount())];
            int count = 0;
            for (int c = transfer.verified.nextClearBit(0); c < transfer.manifest.chunkCount() && count < missing.length;
                c = transfer.verified.nextClearBit(c + 1))
            {
                if (!transfer.verifying.get(c))
                {
                    transfer.chunkBytesReceived[c] = 0;
                    missing[count++] = c;
                }
            }
            if (count > 0)
            {
                link.control().resendRequest(transfer.id, missing, count);
            }
            return;
        }
        transfer.phase = InboundTransfer.Phase.PUBLISHING;
        transfer.staging.closeWriter();
        submit(() -> publish(transfer));
    }

    private void publish(final InboundTransfer transfer)
    {
        try
        {
            transfer.staging.publish(transfer.version, TransferIds.format(transfer.id));
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
        final InboundTransfer transfer = inbound.get(cancel.transferId());
        if (null != transfer && transfer.link == link && transfer.phase != InboundTransfer.Phase.PUBLISHING)
        {
            discard(transfer);
            log.info("transfer " + TransferIds.format(transfer.id) + " cancelled by " + link.id());
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
        withPendingAcks.remove(transfer);
        final StagingArea staging = null != transfer.staging ?
            transfer.staging : new StagingArea(transfer.directory, transfer.id, null);
        staging.closeWriter();
        submit(() ->
        {
            try
            {
                staging.delete();
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
        if (!storage.offer(task))
        {
            throw new IllegalStateException("storage queue full");
        }
    }

    /**
     * Per-thread scratch for chunk verification on the storage agent.
     */
    private static final class StorageWorker
    {
        private final ByteBuffer scratch = ByteBuffer.allocateDirect(1024 * 1024);
        private final byte[] hash = new byte[32];
        private final MessageDigest sha256;

        StorageWorker()
        {
            try
            {
                sha256 = MessageDigest.getInstance("SHA-256");
            }
            catch (final java.security.NoSuchAlgorithmException ex)
            {
                throw new IllegalStateException(ex);
            }
        }

        boolean verify(final StagingArea staging, final int chunkIndex) throws IOException
        {
            return staging.verifyChunk(chunkIndex, scratch, sha256, hash);
        }
    }
}
