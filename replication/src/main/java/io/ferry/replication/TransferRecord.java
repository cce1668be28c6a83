package io.ferry.replication;

import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TargetView;
import io.ferry.replication.api.TransferPriority;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.api.TransferView;
import io.ferry.replication.manifest.Manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An outbound transfer: what was asked, its manifest once built, and one {@link TargetSession} per target hub.
 * The link agent mutates it; any thread may take a {@link #view()}.
 */
final class TransferRecord
{
    final long id;
    final String idText;
    final String dataset;
    final String version;
    final DataKind kind;
    final TransferPriority priority;
    final Path source;
    final long createdMs;
    final TargetSession[] targets;
    private volatile Manifest manifest;
    private volatile String reason;
    private volatile String message;
    private volatile boolean failedBeforeStart;
    private volatile long updatedMs;
    private volatile long rateBps;
    private volatile long sourceBytesRead;
    private long rateSampleMs;
    private long rateSampleBytes;
    private ChunkReader reader;

    TransferRecord(
        final long id,
        final String dataset,
        final String version,
        final DataKind kind,
        final TransferPriority priority,
        final Path source,
        final long createdMs,
        final TargetSession[] targets)
    {
        this.id = id;
        this.idText = TransferIds.format(id);
        this.dataset = dataset;
        this.version = version;
        this.kind = kind;
        this.priority = priority;
        this.source = source;
        this.createdMs = createdMs;
        this.targets = targets;
        for (final TargetSession target : targets)
        {
            target.record = this;
        }
        this.updatedMs = createdMs;
        this.rateSampleMs = createdMs;
    }

    Manifest manifest()
    {
        return manifest;
    }

    void manifest(final Manifest manifest)
    {
        this.manifest = manifest;
        for (final TargetSession target : targets)
        {
            target.start(manifest);
        }
    }

    /**
     * The reader all targets share, opened on first use; link agent only.
     *
     * @return the reader.
     */
    ChunkReader reader()
    {
        if (null == reader)
        {
            reader = new ChunkReader(source, manifest, targets.length);
        }
        return reader;
    }

    /**
     * Close the shared reader and free its buffers; a later {@link #reader()} opens a new one.
     */
    void closeReader()
    {
        if (null != reader)
        {
            reader.close();
            reader = null;
        }
    }

    boolean hasTarget(final String hub)
    {
        for (final TargetSession target : targets)
        {
            if (target.hub.equals(hub))
            {
                return true;
            }
        }
        return false;
    }

    void addSourceBytesRead(final long bytes)
    {
        sourceBytesRead = sourceBytesRead + bytes;
    }

    /**
     * Bytes read from the source files for this transfer, re-reads for lagging targets and resends included.
     *
     * @return bytes.
     */
    long sourceBytesRead()
    {
        return sourceBytesRead;
    }

    void failBeforeStart(final String reason, final String message, final long nowMs)
    {
        this.reason = reason;
        this.message = message;
        for (final TargetSession target : targets)
        {
            if (!target.state().isTerminal())
            {
                target.fail(TransferState.FAILED, reason, message);
            }
        }
        this.failedBeforeStart = true;
        touch(nowMs);
    }

    void touch(final long nowMs)
    {
        updatedMs = nowMs;
    }

    /**
     * Refresh the send rate from the bytes acknowledged so far, at most every 500 ms.
     */
    void sampleRate(final long nowMs)
    {
        final long elapsed = nowMs - rateSampleMs;
        if (elapsed >= 500)
        {
            final long bytes = bytesDoneSum();
            rateBps = (bytes - rateSampleBytes) * 1000 / elapsed;
            rateSampleMs = nowMs;
            rateSampleBytes = bytes;
        }
    }

    boolean isTerminal()
    {
        for (final TargetSession target : targets)
        {
            if (!target.state().isTerminal())
            {
                return false;
            }
        }
        return true;
    }

    TransferState overallState()
    {
        boolean allCommitted = true;
        boolean anyFailed = false;
        boolean anyCancelled = false;
        TransferState leastAdvanced = TransferState.COMMITTED;
        for (final TargetSession target : targets)
        {
            final TransferState state = target.state();
            allCommitted &= state == TransferState.COMMITTED;
            anyFailed |= state == TransferState.FAILED;
            anyCancelled |= state == TransferState.CANCELLED;
            if (!state.isTerminal() && state.ordinal() < leastAdvanced.ordinal())
            {
                leastAdvanced = state;
            }
        }
        if (allCommitted)
        {
            return TransferState.COMMITTED;
        }
        if (leastAdvanced != TransferState.COMMITTED)
        {
            return leastAdvanced;
        }
        if (anyFailed)
        {
            return TransferState.FAILED;
        }
        return anyCancelled ? TransferState.CANCELLED : TransferState.COMMITTED;
    }

    private long bytesDoneSum()
    {
        long sum = 0;
        for (final TargetSession target : targets)
        {
            sum += target.bytesDone();
        }
        return sum;
    }

    TransferView view()
    {
        final Manifest m = manifest;
        final List<TargetView> targetViews = new ArrayList<>(targets.length);
        String firstReason = reason;
        String firstMessage = message;
        for (final TargetSession target : targets)
        {
            targetViews.add(target.view());
            if (null == firstReason && null != target.reason())
            {
                firstReason = target.reason();
                firstMessage = target.hub + ": " + target.message();
            }
        }
        final TransferState state = overallState();
        final boolean showReason = state == TransferState.FAILED || state == TransferState.CANCELLED ||
            failedBeforeStart;
        return new TransferView(
            idText,
            dataset,
            version,
            kind,
            priority,
            source.toString(),
            state,
            showReason ? firstReason : null,
            showReason ? firstMessage : null,
            null == m ? 0 : m.entryCount(),
            null == m ? 0 : m.totalBytes(),
            bytesDoneSum() / targets.length,
            state.isTerminal() ? 0 : rateBps,
            createdMs,
            updatedMs,
            targetViews);
    }
}
