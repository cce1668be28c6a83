package io.ferry.replication;

import io.ferry.replication.api.TransferState;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * The hub's durable journal on Chronicle Queue under {@code <data_dir>/journal}: outbound transfers and their
 * targets' outcomes, inbound transfers and each chunk made durable (written after the chunk is fsynced).
 * Replayed at start-up into a {@link JournalState}; when the hourly roll cycle changes a snapshot of the live state
 * is written and the older cycle files are deleted, so the journal stays bounded by what is live.
 * Any thread may append: appends are serialised on this object, which also keeps the state current.
 */
final class Journal implements AutoCloseable
{
    static final byte OUTBOUND_BEGUN = 1;
    static final byte OUTBOUND_DIGEST = 2;
    static final byte OUTBOUND_TARGET_ENDED = 3;
    static final byte INBOUND_BEGUN = 10;
    static final byte CHUNK_DURABLE = 11;
    static final byte CHUNKS_DURABLE = 12;
    static final byte INBOUND_ENDED = 13;
    static final byte SNAPSHOT = 20;

    private static final int DIGEST_LENGTH = 32;
    private static final RollCycles ROLL_CYCLE = RollCycles.FAST_HOURLY;
    private static final java.time.format.DateTimeFormatter CYCLE_FORMAT =
        java.time.format.DateTimeFormatter.ofPattern(ROLL_CYCLE.format());

    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final JournalState state = new JournalState();
    private int snapshotCycle;
    private long recordsReplayed;

    private Journal(final Path directory, final TimeProvider timeProvider)
    {
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(ROLL_CYCLE);
        if (null != timeProvider)
        {
            builder.timeProvider(timeProvider);
        }
        queue = builder.build();
        appender = queue.createAppender();
        appender.singleThreadedCheckDisabled(true);
    }

    /**
     * Open the journal, replay it and compact it to a snapshot of what is live.
     *
     * @param directory    journal directory, created if missing.
     * @param timeProvider clock for roll cycles, or null for the wall clock.
     * @return the open journal.
     */
    static Journal open(final Path directory, final TimeProvider timeProvider)
    {
        try
        {
            Files.createDirectories(directory);
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalStateException("cannot create journal directory " + directory + ": " + ex.getMessage(), ex);
        }
        final Journal journal = new Journal(directory, timeProvider);
        journal.replay();
        synchronized (journal)
        {
            journal.snapshotAndTrim();
        }
        return journal;
    }

    /**
     * The live state; read it while holding this journal's lock.
     *
     * @return state.
     */
    JournalState state()
    {
        return state;
    }

    long recordsReplayed()
    {
        return recordsReplayed;
    }

    synchronized void outboundBegun(final JournalState.Outbound transfer)
    {
        state.outboundBegun(transfer);
        writeOutboundBegun(transfer);
    }

    synchronized void outboundDigest(final long id, final byte[] digest)
    {
        state.outboundDigest(id, digest);
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(OUTBOUND_DIGEST).writeLong(id).write(digest, 0, DIGEST_LENGTH);
        }
    }

    synchronized void outboundTargetEnded(
        final long id, final String hub, final TransferState outcome, final String reason, final String message)
    {
        state.outboundTargetEnded(id, hub, outcome, reason, message);
        writeOutboundTargetEnded(id, hub, outcome, reason, message);
    }

    synchronized void inboundBegun(final JournalState.Inbound transfer)
    {
        state.inboundBegun(transfer);
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(INBOUND_BEGUN).writeLong(transfer.id).writeUtf8(transfer.peer).writeUtf8(transfer.dataset)
                .writeUtf8(transfer.version).write(transfer.digest, 0, DIGEST_LENGTH).writeInt(transfer.chunkCount);
        }
    }

    /**
     * Record a chunk verified and fsynced in staging; allocation-free.
     */
    synchronized void chunkDurable(final long id, final int chunkIndex)
    {
        state.chunkDurable(id, chunkIndex);
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().writeByte(CHUNK_DURABLE).writeLong(id).writeInt(chunkIndex);
        }
    }

    /**
     * Record an inbound transfer published or dropped; nothing is written for a transfer the journal does not know.
     */
    synchronized void inboundEnded(final long id)
    {
        if (null == state.inbound(id))
        {
            return;
        }
        state.inboundEnded(id);
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().writeByte(INBOUND_ENDED).writeLong(id);
        }
    }

    /**
     * Snapshot and delete old cycle files if the roll cycle changed since the last snapshot.
     *
     * @return true if it compacted.
     */
    synchronized boolean compactIfRolled()
    {
        if (queue.cycle() == snapshotCycle)
        {
            return false;
        }
        snapshotAndTrim();
        return true;
    }

    /**
     * Journal files on disk, for tests and diagnostics.
     *
     * @return number of cycle files.
     */
    int cycleFileCount()
    {
        final File[] files = queue.file().listFiles((dir, name) -> name.endsWith(".cq4"));
        return null == files ? 0 : files.length;
    }

    public void close()
    {
        appender.close();
        queue.close();
    }

    private void replay()
    {
        try (ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    if (dc.isData())
                    {
                        apply(dc.wire().bytes());
                        recordsReplayed++;
                    }
                }
            }
        }
    }

    private void apply(final Bytes<?> bytes)
    {
        final byte type = bytes.readByte();
        switch (type)
        {
            case OUTBOUND_BEGUN:
            {
                final long id = bytes.readLong();
                final long createdMs = bytes.readLong();
                final int kind = bytes.readByte();
                final int priority = bytes.readByte();
                final String dataset = bytes.readUtf8();
                final String version = bytes.readUtf8();
                final String source = bytes.readUtf8();
                final String[] hubs = new String[bytes.readInt()];
                for (int i = 0; i < hubs.length; i++)
                {
                    hubs[i] = bytes.readUtf8();
                }
                state.outboundBegun(
                    new JournalState.Outbound(id, createdMs, kind, priority, dataset, version, source, hubs));
                break;
            }
            case OUTBOUND_DIGEST:
            {
                final long id = bytes.readLong();
                final byte[] digest = new byte[DIGEST_LENGTH];
                bytes.read(digest);
                state.outboundDigest(id, digest);
                break;
            }
            case OUTBOUND_TARGET_ENDED:
            {
                final long id = bytes.readLong();
                final String hub = bytes.readUtf8();
                final TransferState outcome = TransferState.values()[bytes.readByte()];
                state.outboundTargetEnded(id, hub, outcome, nullIfEmpty(bytes.readUtf8()),
                    nullIfEmpty(bytes.readUtf8()));
                break;
            }
            case INBOUND_BEGUN:
            {
                final long id = bytes.readLong();
                final String peer = bytes.readUtf8();
                final String dataset = bytes.readUtf8();
                final String version = bytes.readUtf8();
                final byte[] digest = new byte[DIGEST_LENGTH];
                bytes.read(digest);
                state.inboundBegun(new JournalState.Inbound(id, peer, dataset, version, digest, bytes.readInt()));
                break;
            }
            case CHUNK_DURABLE:
                state.chunkDurable(bytes.readLong(), bytes.readInt());
                break;
            case CHUNKS_DURABLE:
            {
                final long id = bytes.readLong();
                final long[] words = new long[bytes.readInt()];
                for (int i = 0; i < words.length; i++)
                {
                    words[i] = bytes.readLong();
                }
                state.chunksDurable(id, words);
                break;
            }
            case INBOUND_ENDED:
                state.inboundEnded(bytes.readLong());
                break;
            default:
                // SNAPSHOT markers, and record types of a newer ferry: nothing to apply.
                break;
        }
    }

    private void snapshotAndTrim()
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().writeByte(SNAPSHOT);
        }
        for (final JournalState.Outbound transfer : state.finishedOutbound())
        {
            writeOutbound(transfer);
        }
        for (final JournalState.Outbound transfer : state.activeOutbound())
        {
            writeOutbound(transfer);
        }
        for (final JournalState.Inbound transfer : state.inbound())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                final Bytes<?> bytes = dc.wire().bytes();
                bytes.writeByte(INBOUND_BEGUN).writeLong(transfer.id).writeUtf8(transfer.peer)
                    .writeUtf8(transfer.dataset).writeUtf8(transfer.version).write(transfer.digest, 0, DIGEST_LENGTH)
                    .writeInt(transfer.chunkCount);
            }
            final long[] words = transfer.durable.toLongArray();
            try (DocumentContext dc = appender.writingDocument())
            {
                final Bytes<?> bytes = dc.wire().bytes();
                bytes.writeByte(CHUNKS_DURABLE).writeLong(transfer.id).writeInt(words.length);
                for (final long word : words)
                {
                    bytes.writeLong(word);
                }
            }
        }
        snapshotCycle = appender.cycle();
        final File[] files = queue.file().listFiles((dir, name) -> name.endsWith(SingleChronicleQueue.SUFFIX));
        for (final File file : null == files ? new File[0] : files)
        {
            final long cycle = cycleOf(file.getName());
            if (cycle >= 0 && cycle < snapshotCycle)
            {
                // Everything live before this cycle is repeated in the snapshot just written.
                file.delete();
            }
        }
        queue.refreshDirectoryListing();
    }

    private void writeOutbound(final JournalState.Outbound transfer)
    {
        writeOutboundBegun(transfer);
        if (null != transfer.digest)
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeByte(OUTBOUND_DIGEST).writeLong(transfer.id)
                    .write(transfer.digest, 0, DIGEST_LENGTH);
            }
        }
        for (int i = 0; i < transfer.hubs.length; i++)
        {
            if (transfer.states[i].isTerminal())
            {
                writeOutboundTargetEnded(
                    transfer.id, transfer.hubs[i], transfer.states[i], transfer.reasons[i], transfer.messages[i]);
            }
        }
    }

    private void writeOutboundBegun(final JournalState.Outbound transfer)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(OUTBOUND_BEGUN).writeLong(transfer.id).writeLong(transfer.createdMs)
                .writeByte((byte)transfer.kind).writeByte((byte)transfer.priority).writeUtf8(transfer.dataset)
                .writeUtf8(transfer.version).writeUtf8(transfer.source).writeInt(transfer.hubs.length);
            for (final String hub : transfer.hubs)
            {
                bytes.writeUtf8(hub);
            }
        }
    }

    private void writeOutboundTargetEnded(
        final long id, final String hub, final TransferState outcome, final String reason, final String message)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().writeByte(OUTBOUND_TARGET_ENDED).writeLong(id).writeUtf8(hub)
                .writeByte((byte)outcome.ordinal()).writeUtf8(null == reason ? "" : reason)
                .writeUtf8(null == message ? "" : message);
        }
    }

    /**
     * Cycle of a queue file from its name, which the roll cycle's format gives (UTC), or -1 if it is not one.
     */
    static long cycleOf(final String fileName)
    {
        final String stem = fileName.substring(0, fileName.length() - SingleChronicleQueue.SUFFIX.length());
        try
        {
            final long epochMs = java.time.LocalDateTime.parse(stem, CYCLE_FORMAT)
                .toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
            return epochMs / ROLL_CYCLE.lengthInMillis();
        }
        catch (final java.time.format.DateTimeParseException ex)
        {
            return -1;
        }
    }

    private static String nullIfEmpty(final String text)
    {
        return null == text || text.isEmpty() ? null : text;
    }

    /**
     * Durable chunks of an inbound transfer, copied under the lock.
     *
     * @param id transfer id.
     * @return copy of the durable chunk set, or null if the journal does not know the transfer.
     */
    synchronized BitSet durableChunks(final long id)
    {
        final JournalState.Inbound transfer = state.inbound(id);
        return null == transfer ? null : (BitSet)transfer.durable.clone();
    }

    /**
     * Durable chunks of an inbound transfer if the journal holds it from the same peer with the same manifest.
     *
     * @param id     transfer id.
     * @param peer   hub the offer came from.
     * @param digest manifest digest of the offer.
     * @return copy of the durable chunk set, or null if unknown or different.
     */
    synchronized BitSet durableChunks(final long id, final String peer, final byte[] digest)
    {
        final JournalState.Inbound transfer = state.inbound(id);
        return null == transfer || !transfer.matches(peer, digest) ? null : (BitSet)transfer.durable.clone();
    }

    synchronized boolean knowsInbound(final long id)
    {
        return null != state.inbound(id);
    }

    synchronized JournalState.Inbound inbound(final long id)
    {
        return state.inbound(id);
    }
}
