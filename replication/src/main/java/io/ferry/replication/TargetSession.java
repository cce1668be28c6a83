package io.ferry.replication;

import io.ferry.replication.api.TargetView;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.manifest.Manifest;
import io.ferry.transport.PeerLink;

import org.agrona.collections.LongHashSet;

import java.util.BitSet;

/**
 * One target of an outbound transfer: its state, which chunks it has acknowledged, and the send cursor.
 * Mutated only by the link agent; state, reason and bytesDone are published for snapshots.
 */
final class TargetSession
{
    final String hub;
    final PeerLink link;
    private volatile TransferState state = TransferState.QUEUED;
    private volatile String reason;
    private volatile String message;
    private volatile long bytesDone;

    BitSet acked;
    int ackedCount;
    /** Stream position at the end of the last frame sent of each chunk; a report of frames not yet past it is early. */
    long[] lastSentPosition;
    /** Chunks loaded by the cursor and not yet acknowledged; see {@link #maxUnackedChunks}. */
    private int startedUnacked;
    private int maxUnackedChunks;
    static final int MIN_UNACKED_CHUNKS = 8;
    /** Most reported-missing ranges queued; beyond it requests are dropped and the target asks again. */
    static final int MAX_QUEUED_RANGES = 4096;

    int cursor;
    int cursorChunk = -1;
    int cursorOffset;
    int cursorEnd;
    int resendChunk = -1;
    int resendOffset;
    int resendEnd;
    final RangeQueue resend = new RangeQueue(MAX_QUEUED_RANGES);
    /** Ranges waiting in {@link #resend}, keyed by chunk and offset, so a repeated request does not queue twice. */
    private final LongHashSet queuedRanges = new LongHashSet(2 * MAX_QUEUED_RANGES);
    long lastProgressNs;
    /** Wire bytes this session may still send in its scheduling turn; see {@link LinkScheduler}. */
    long deficitBytes;
    /** Manifest entries checked against the source files before the next Commit. */
    int entriesChecked;
    /** Hold-time accounting of {@link LeadLimit}. */
    long holdClockNs;
    long holdBudgetNs;
    boolean holding;
    /** The transfer this session belongs to. */
    TransferRecord record;
    /** Earliest time to offer again after the target paused the transfer (full disk). */
    long retryAtNs;
    private boolean acceptedOnce;
    private int suspensions;

    /** First back-off after a pause; it doubles on each pause in a row up to {@link #MAX_RETRY_BACKOFF_NS}. */
    static final long FIRST_RETRY_BACKOFF_NS = 1_000_000_000L;
    static final long MAX_RETRY_BACKOFF_NS = 30_000_000_000L;

    TargetSession(final String hub, final PeerLink link)
    {
        this.hub = hub;
        this.link = link;
    }

    TransferState state()
    {
        return state;
    }

    String reason()
    {
        return reason;
    }

    String message()
    {
        return message;
    }

    long bytesDone()
    {
        return bytesDone;
    }

    void state(final TransferState state)
    {
        this.state = state;
    }

    void fail(final TransferState terminal, final String reason, final String message)
    {
        this.reason = reason;
        this.message = message;
        this.state = terminal;
    }

    /**
     * End this session as FAILED or CANCELLED, sending {@code Cancel} when the target may hold staging for it (past
     * QUEUED, link up) so that it drops the staging instead of waiting for data that will not come; a session
     * already finished stays as it is.
     */
    void abort(final long transferId, final TransferState terminal, final String reason, final String message)
    {
        if (!state.isTerminal())
        {
            if (state != TransferState.QUEUED && link.isUp())
            {
                link.control().cancel(transferId);
            }
            fail(terminal, reason, message);
        }
    }

    /**
     * The target accepted an offer: any pause is over.
     */
    void accepted()
    {
        acceptedOnce = true;
        suspensions = 0;
        if (!state.isTerminal())
        {
            reason = null;
            message = null;
        }
    }

    boolean wasAccepted()
    {
        return acceptedOnce;
    }

    /**
     * The target paused the transfer and kept what it holds: wait, then offer again; the reason stays visible.
     *
     * @return the back-off before the next offer.
     */
    long suspend(final String reason, final String message, final long nowNs)
    {
        final long backoffNs = Math.min(MAX_RETRY_BACKOFF_NS, FIRST_RETRY_BACKOFF_NS << Math.min(suspensions, 5));
        suspensions++;
        rewind();
        this.reason = reason;
        this.message = message;
        retryAtNs = nowNs + backoffNs;
        return backoffNs;
    }

    void start(final Manifest manifest)
    {
        if (null == acked)
        {
            acked = new BitSet(manifest.chunkCount());
            lastSentPosition = new long[manifest.chunkCount()];
        }
    }

    /**
     * Forget what was in flight: after a link loss the target states again what it holds.
     */
    void rewind()
    {
        cursor = 0;
        startedUnacked = 0;
        cursorChunk = -1;
        resendChunk = -1;
        resend.clear();
        queuedRanges.clear();
        entriesChecked = 0;
        deficitBytes = 0;
        holding = false;
        if (null != lastSentPosition)
        {
            java.util.Arrays.fill(lastSentPosition, 0L);
        }
        if (!state.isTerminal())
        {
            state = TransferState.QUEUED;
        }
    }

    boolean onAcked(final int chunkIndex, final Manifest manifest, final long nowNs)
    {
        if (chunkIndex < 0 || chunkIndex >= manifest.chunkCount() || acked.get(chunkIndex))
        {
            return false;
        }
        acked.set(chunkIndex);
        ackedCount++;
        if (chunkIndex < cursor && startedUnacked > 0)
        {
            startedUnacked--;
        }
        bytesDone += manifest.chunkLengthOf(chunkIndex);
        lastProgressNs = nowNs;
        return true;
    }

    /**
     * Queue a byte range the target reported missing, unless it was never sent or is already acknowledged.
     *
     * @return the frames queued: 0 if the range was not queued (a repeated report among them).
     */
    int onMissing(final int chunkIndex, final int offset, final int length, final Manifest manifest,
        final int frameLength)
    {
        if (chunkIndex < 0 || chunkIndex >= manifest.chunkCount() || offset < 0 || length <= 0 ||
            offset % frameLength != 0 || (long)offset + length > manifest.chunkLengthOf(chunkIndex) ||
            acked.get(chunkIndex) || chunkIndex >= cursor || (chunkIndex == cursorChunk && offset >= cursorOffset) ||
            lastSentPosition[chunkIndex] > link.data().sentPosition() ||
            resend.isFull() || !queuedRanges.add(rangeKey(chunkIndex, offset)))
        {
            // Frames of a chunk still waiting in the publication are on their way, not lost: the target asks again.
            return 0;
        }
        // A quiet target asks for the rest of its newest chunk; only what the cursor has already sent can be missing.
        final int sentLength = chunkIndex == cursorChunk ? Math.min(length, cursorOffset - offset) : length;
        resend.add(chunkIndex, offset, sentLength);
        return (sentLength + frameLength - 1) / frameLength;
    }

    /**
     * Load the next reported-missing range that is still unacknowledged into the resend lane.
     *
     * @return true if the resend lane has a range.
     */
    boolean loadResend()
    {
        while (resendChunk < 0 && !resend.isEmpty())
        {
            final int chunk = resend.headChunk();
            final int offset = resend.headOffset();
            final int length = resend.headLength();
            resend.removeHead();
            queuedRanges.remove(rangeKey(chunk, offset));
            if (!acked.get(chunk))
            {
                resendChunk = chunk;
                resendOffset = offset;
                resendEnd = offset + length;
            }
        }
        return resendChunk >= 0;
    }

    /**
     * Load the next unacknowledged chunk at the cursor into the cursor lane.
     *
     * @return true if the cursor lane has a chunk.
     */
    boolean loadCursor(final Manifest manifest)
    {
        final int chunkCount = manifest.chunkCount();
        while (cursorChunk < 0 && cursor < chunkCount && startedUnacked < maxUnackedChunks(manifest))
        {
            final int chunk = cursor++;
            if (!acked.get(chunk))
            {
                cursorChunk = chunk;
                cursorOffset = 0;
                cursorEnd = manifest.chunkLengthOf(chunk);
                startedUnacked++;
            }
        }
        return cursorChunk >= 0;
    }

    /**
     * Chunks the cursor may have started that the target has not yet made durable: enough to keep the link busy for
     * two round trips, at least {@link #MIN_UNACKED_CHUNKS}. It bounds what a crash of the target costs (only those
     * chunks are sent again) and keeps a target whose disk is slower than its link from piling up unverified data.
     */
    private int maxUnackedChunks(final Manifest manifest)
    {
        if (0 == maxUnackedChunks)
        {
            final long bdpBytes = link.endpoint().bandwidthBitsPerSecond() / 8 * link.endpoint().rttNs() / 1_000_000_000L;
            maxUnackedChunks = (int)Math.max(MIN_UNACKED_CHUNKS, 2 * bdpBytes / manifest.chunkLength() + 2);
        }
        return maxUnackedChunks;
    }

    private static long rangeKey(final int chunkIndex, final int offset)
    {
        return ((long)chunkIndex << 32) | (offset & 0xFFFF_FFFFL);
    }

    boolean hasWork()
    {
        final Manifest manifest = record.manifest();
        return null != manifest && hasWork(manifest.chunkCount());
    }

    boolean hasWork(final int chunkCount)
    {
        return cursorChunk >= 0 || resendChunk >= 0 || !resend.isEmpty() || cursor < chunkCount;
    }

    TargetView view()
    {
        return new TargetView(hub, state, reason, bytesDone);
    }
}
