package io.ferry.replication;

import io.ferry.replication.api.TransferState;

/**
 * Keeps the targets of one transfer close enough together to share the blocks of its {@link ChunkReader}, without
 * letting a slow or dead target stall the others.
 * <p>
 * A target whose cursor runs more than the reader's window ahead of a sibling that is still sending and made progress
 * in the last {@link #SIBLING_PROGRESS_NS} holds its cursor (its repairs still go out), which also leaves the link
 * agent's time to the sibling. Holding is rationed: a target may hold for at most one part in
 * {@link #HOLD_SHARE_DIVISOR} of the time, banked up to {@link #MAX_HOLD_BUDGET_NS}. Siblings that are merely jittery
 * catch up within that allowance, so every block is read once; a sibling that is persistently slower costs the others
 * at most that share of their rate and then reads behind them on its own (counted in {@link ChunkReader#bytesRead()});
 * a dead one stops holding anyone once it has made no progress for {@link #SIBLING_PROGRESS_NS}. At the start, a target
 * waits up to {@link #START_WAIT_NS} for siblings still being offered, so they start together.
 */
final class LeadLimit
{
    /** The leader holds at most 1/5 of the time: a slow sibling slows the others by at most about 20 %. */
    static final int HOLD_SHARE_DIVISOR = 5;
    /** Most hold time banked while not holding. */
    static final long MAX_HOLD_BUDGET_NS = 250_000_000L;
    /** A sibling without progress (frames sent or chunks acked) for this long is not waited for. */
    static final long SIBLING_PROGRESS_NS = 200_000_000L;
    /** Longest a target waits for its siblings to accept before it starts sending new data. */
    static final long START_WAIT_NS = 2_000_000_000L;

    private LeadLimit()
    {
    }

    /**
     * Whether a target should hold its cursor lane now instead of loading its next chunk; called once per chunk
     * boundary and per duty cycle while held.
     *
     * @param leader the target about to load its next chunk.
     * @param nowNs  current time.
     * @return true to hold.
     */
    static boolean holdCursor(final TargetSession leader, final long nowNs)
    {
        final TransferRecord record = leader.record;
        if (record.targets.length < 2)
        {
            return false;
        }
        if (siblingStarting(record, leader, nowNs))
        {
            return true;
        }
        final long elapsedNs = Math.max(0, nowNs - leader.holdClockNs);
        leader.holdClockNs = nowNs;
        if (leader.holding)
        {
            leader.holdBudgetNs -= elapsedNs;
        }
        else
        {
            leader.holdBudgetNs = Math.min(MAX_HOLD_BUDGET_NS, leader.holdBudgetNs + elapsedNs / HOLD_SHARE_DIVISOR);
        }
        leader.holding = leader.holdBudgetNs > 0 && tooFarAhead(record, leader, nowNs);
        return leader.holding;
    }

    /**
     * Whether a sibling on a live link has been offered (or is about to be) and not yet accepted, for less than
     * {@link #START_WAIT_NS}: targets that accept at different moments would otherwise start apart by more than the
     * reader's window, and the later one would read every block again.
     */
    private static boolean siblingStarting(final TransferRecord record, final TargetSession leader, final long nowNs)
    {
        for (final TargetSession sibling : record.targets)
        {
            if (sibling != leader && sibling.link.isUp() && nowNs - sibling.lastProgressNs < START_WAIT_NS &&
                (sibling.state() == TransferState.OFFERED ||
                sibling.state() == TransferState.QUEUED && nowNs >= sibling.retryAtNs))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean tooFarAhead(final TransferRecord record, final TargetSession leader, final long nowNs)
    {
        final ChunkReader reader = record.reader();
        final int chunkCount = record.manifest().chunkCount();
        if (leader.cursor >= chunkCount)
        {
            return false;
        }
        final int leaderBlock = reader.blockOrdinal(leader.cursor);
        for (final TargetSession sibling : record.targets)
        {
            if (sibling != leader && sibling.state() == TransferState.SENDING && sibling.link.isUp() &&
                nowNs - sibling.lastProgressNs < SIBLING_PROGRESS_NS)
            {
                final int siblingChunk = sibling.cursorChunk >= 0 ? sibling.cursorChunk : sibling.cursor;
                if (siblingChunk < chunkCount && leaderBlock - reader.blockOrdinal(siblingChunk) > reader.window())
                {
                    return true;
                }
            }
        }
        return false;
    }
}
