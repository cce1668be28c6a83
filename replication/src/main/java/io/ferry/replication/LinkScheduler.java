package io.ferry.replication;

import io.ferry.replication.api.TransferPriority;
import io.ferry.replication.api.TransferState;
import io.ferry.transport.PeerLink;

import java.util.ArrayList;

/**
 * Shares one peer link's data frames among the target sessions on it by deficit round robin: each session's turn
 * grants it {@link #quantumBytes(TransferPriority)} wire bytes, so sessions get frames in proportion to the weight of
 * their priority and none starves.
 * <p>
 * A turn survives the end of a duty cycle: when the pacer or the publication says no, the same session continues in the
 * next cycle with what is left of its grant, so a link that is paced below what one cycle could send still splits its
 * bandwidth by weight. A session with nothing to send gives up the rest of its grant (no credit is hoarded).
 */
final class LinkScheduler
{
    /** Most frames one link sends per duty cycle, so acks, control and other links get their turn. */
    static final int FRAMES_PER_LINK_PER_CYCLE = 256;
    /** Wire bytes granted per turn to a transfer of weight 1. */
    static final int QUANTUM_UNIT_BYTES = 64 * 1024;
    /** Weight of {@link TransferPriority#HIGH}: a checkpoint gets 8 frames for every one of a bulk transfer. */
    static final int WEIGHT_HIGH = 8;
    /** Weight of {@link TransferPriority#NORMAL}. */
    static final int WEIGHT_NORMAL = 2;
    /** Weight of {@link TransferPriority#BULK}. */
    static final int WEIGHT_BULK = 1;

    /**
     * Sends frames of one session; implemented by the source engine.
     */
    interface FrameSender
    {
        /**
         * Send frames of a session until its deficit is spent, it has nothing left, or the link refuses.
         *
         * @param target    the session, in SENDING.
         * @param nowNs     current time.
         * @param maxFrames most frames to send.
         * @return frames sent; {@link #linkRefused()} tells whether the pacer or the publication stopped it.
         */
        int sendFrames(TargetSession target, long nowNs, int maxFrames);

        /**
         * Whether the last {@link #sendFrames} stopped because the link would take no more this cycle.
         *
         * @return true if the pacer or the publication refused a frame.
         */
        boolean linkRefused();
    }

    final PeerLink link;
    private final ArrayList<TargetSession> sessions = new ArrayList<>();
    private int current;
    private boolean turnStarted;

    LinkScheduler(final PeerLink link)
    {
        this.link = link;
    }

    /**
     * Wire bytes a session of this priority may send per turn.
     *
     * @param priority scheduling class.
     * @return bytes.
     */
    static int quantumBytes(final TransferPriority priority)
    {
        switch (priority)
        {
            case HIGH:
                return WEIGHT_HIGH * QUANTUM_UNIT_BYTES;
            case NORMAL:
                return WEIGHT_NORMAL * QUANTUM_UNIT_BYTES;
            default:
                return WEIGHT_BULK * QUANTUM_UNIT_BYTES;
        }
    }

    void add(final TargetSession target)
    {
        target.deficitBytes = 0;
        sessions.add(target);
    }

    void remove(final TargetSession target)
    {
        final int index = sessions.indexOf(target);
        if (index >= 0)
        {
            removeAt(index);
        }
    }

    boolean isEmpty()
    {
        return sessions.isEmpty();
    }

    /**
     * Give the link's frames of this duty cycle to its sessions, turn by turn; call only while the link is up.
     *
     * @param sender sends the frames of one session.
     * @param nowNs  current time.
     * @return frames sent.
     */
    int doWork(final FrameSender sender, final long nowNs)
    {
        if (sessions.isEmpty())
        {
            return 0;
        }
        int frames = 0;
        int idleVisits = 0;
        while (frames < FRAMES_PER_LINK_PER_CYCLE && idleVisits < sessions.size())
        {
            if (current >= sessions.size())
            {
                current = 0;
            }
            final TargetSession target = sessions.get(current);
            if (target.state().isTerminal())
            {
                removeAt(current);
                continue;
            }
            if (target.state() != TransferState.SENDING || !target.hasWork())
            {
                target.deficitBytes = 0;
                nextTurn();
                idleVisits++;
                continue;
            }
            if (!turnStarted)
            {
                target.deficitBytes += quantumBytes(target.record.priority);
                turnStarted = true;
            }
            final int sent = sender.sendFrames(target, nowNs, FRAMES_PER_LINK_PER_CYCLE - frames);
            frames += sent;
            idleVisits = sent > 0 ? 0 : idleVisits + 1;
            if (sender.linkRefused())
            {
                break;
            }
            if (sent == 0)
            {
                // Nothing to send (or held back): like an empty queue, it banks no grant.
                target.deficitBytes = 0;
                nextTurn();
            }
            else if (target.deficitBytes <= 0)
            {
                nextTurn();
            }
        }
        return frames;
    }

    private void nextTurn()
    {
        current++;
        turnStarted = false;
    }

    private void removeAt(final int index)
    {
        sessions.remove(index);
        if (index < current)
        {
            current--;
        }
        else if (index == current)
        {
            turnStarted = false;
        }
    }
}
