package io.ferry.replication;

import io.ferry.codec.RejectReason;
import io.ferry.replication.manifest.Manifest;
import io.ferry.replication.manifest.ManifestCodec;
import io.ferry.replication.manifest.ManifestException;
import io.ferry.replication.manifest.ManifestLimits;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The target's file work that runs on the storage agent: preparing staging for an offer (resumed chunks, reuse of the
 * current version, free space), publishing with retention, and dropping staging the journal still holds.
 */
final class StagingTasks
{
    /**
     * What preparation produced: staging ready with the chunks it holds, or a refusal (keeping staging to resume).
     */
    record Prepared(Manifest manifest, StagingArea staging, BitSet held, RejectReason refusal, String message,
        boolean keepStaging)
    {
        static Prepared refused(final RejectReason refusal, final String message, final boolean keepStaging)
        {
            return new Prepared(null, null, null, refusal, message, keepStaging);
        }
    }

    private final Map<String, Path> datasetRoots;
    private final Map<String, Integer> datasetRetain;
    private final Journal journal;
    private final EventLog log;

    StagingTasks(
        final Map<String, Path> datasetRoots,
        final Map<String, Integer> datasetRetain,
        final Journal journal,
        final EventLog log)
    {
        this.datasetRoots = datasetRoots;
        this.datasetRetain = datasetRetain;
        this.journal = journal;
        this.log = log;
    }

    /**
     * Check the assembled manifest against the offer and prepare staging for it.
     */
    Prepared prepare(final InboundTransfer transfer)
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
            final BitSet resumed = resumableChunks(transfer, manifest, staging);
            final PreviousVersionReuse reuse = PreviousVersionReuse.plan(transfer.directory, manifest);
            final long bytesHeld = Math.min(manifest.totalBytes(), bytesOf(resumed, manifest) + reuse.bytesToLink());
            if (!staging.hasRoomFor(bytesHeld))
            {
                return Prepared.refused(RejectReason.DISK_FULL, "not enough free space in " +
                    transfer.directory.root() + " for " + (manifest.totalBytes() - bytesHeld) + " more bytes",
                    !resumed.isEmpty());
            }
            staging.prepare(reuse::linkSource);
            if (resumed.isEmpty() && !journal.knowsInbound(transfer.id))
            {
                journal.inboundBegun(new JournalState.Inbound(transfer.id, transfer.link.id(), transfer.dataset,
                    transfer.version, transfer.offeredDigest, manifest.chunkCount()));
            }
            final BitSet held = reuse.holdChunks(staging);
            held.or(resumed);
            log.info("transfer " + TransferIds.format(transfer.id) + ": " + reuse);
            return new Prepared(manifest, staging, held, null, null, false);
        }
        catch (final ManifestException ex)
        {
            return Prepared.refused(RejectReason.BAD_MANIFEST, ex.getMessage(), false);
        }
        catch (final IOException | NoSuchAlgorithmException ex)
        {
            return Prepared.refused(RejectReason.IO_ERROR, String.valueOf(ex.getMessage()), false);
        }
    }

    /**
     * Publish a complete version, record it ended in the journal, then apply the dataset's retention.
     */
    void publish(final InboundTransfer transfer) throws IOException
    {
        transfer.staging.publish(transfer.version, TransferIds.format(transfer.id));
        journal.inboundEnded(transfer.id);
        final int retain = datasetRetain.getOrDefault(transfer.dataset, ReplicationContext.DEFAULT_RETAIN);
        try
        {
            final List<String> deleted = transfer.directory.applyRetention(retain);
            if (!deleted.isEmpty())
            {
                log.info("retention of " + transfer.dataset + " (keep " + retain + "): deleted " + deleted);
            }
        }
        catch (final IOException ex)
        {
            log.warn("retention of " + transfer.dataset + " failed: " + ex.getMessage());
        }
    }

    /**
     * Remove the staging of a transfer known only to the journal (suspended on a full disk, or from before a
     * restart) when its source cancels it.
     */
    void dropJournaledStaging(final long id, final String peer)
    {
        final JournalState.Inbound journaled = journal.inbound(id);
        if (null == journaled || !journaled.peer.equals(peer) || !datasetRoots.containsKey(journaled.dataset))
        {
            return;
        }
        try
        {
            new StagingArea(new DatasetDirectory(datasetRoots.get(journaled.dataset)), id, null).delete();
            journal.inboundEnded(id);
            log.info("transfer " + TransferIds.format(id) + " cancelled by " + peer + "; staging removed");
        }
        catch (final IOException ex)
        {
            log.warn("could not remove staging of " + TransferIds.format(id) + ": " + ex.getMessage());
        }
    }

    /**
     * Chunks of this transfer the journal holds as durable in staging from before a restart, a lost link or a full
     * disk. A journaled transfer of the same id with other content is dropped first.
     */
    private BitSet resumableChunks(final InboundTransfer transfer, final Manifest manifest, final StagingArea staging)
        throws IOException
    {
        final BitSet held = journal.durableChunks(transfer.id, transfer.link.id(), transfer.offeredDigest);
        if (null != held)
        {
            if (!held.isEmpty())
            {
                log.info("transfer " + TransferIds.format(transfer.id) + ": resuming with " + held.cardinality() +
                    " of " + manifest.chunkCount() + " chunks durable in staging");
            }
            return held;
        }
        if (journal.knowsInbound(transfer.id))
        {
            staging.delete();
            journal.inboundEnded(transfer.id);
        }
        return new BitSet();
    }

    private static long bytesOf(final BitSet chunks, final Manifest manifest)
    {
        long bytes = 0;
        for (int c = chunks.nextSetBit(0); c >= 0 && c < manifest.chunkCount(); c = chunks.nextSetBit(c + 1))
        {
            bytes += manifest.chunkLengthOf(c);
        }
        return bytes;
    }
}
