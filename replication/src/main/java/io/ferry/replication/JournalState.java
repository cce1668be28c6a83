package io.ferry.replication;

import io.ferry.replication.api.TransferState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the journal says is live: outbound transfers with each target's final state, finished outbound transfers
 * kept for the API, and inbound transfers with their durable chunks. Applying a record twice changes nothing, so a
 * replay may cover records that a later snapshot repeats.
 */
final class JournalState
{
    /** Finished outbound transfers remembered across restarts, oldest forgotten first. */
    static final int FINISHED_KEPT = Hub.MAX_TRANSFERS_KEPT;

    /**
     * An outbound transfer as journaled.
     */
    static final class Outbound
    {
        final long id;
        final long createdMs;
        final int kind;
        final int priority;
        final String dataset;
        final String version;
        final String source;
        final String[] hubs;
        final TransferState[] states;
        final String[] reasons;
        final String[] messages;
        byte[] digest;

        Outbound(
            final long id,
            final long createdMs,
            final int kind,
            final int priority,
            final String dataset,
            final String version,
            final String source,
            final String[] hubs)
        {
            this.id = id;
            this.createdMs = createdMs;
            this.kind = kind;
            this.priority = priority;
            this.dataset = dataset;
            this.version = version;
            this.source = source;
            this.hubs = hubs;
            this.states = new TransferState[hubs.length];
            Arrays.fill(states, TransferState.QUEUED);
            this.reasons = new String[hubs.length];
            this.messages = new String[hubs.length];
        }

        boolean isFinished()
        {
            for (final TransferState state : states)
            {
                if (!state.isTerminal())
                {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * An inbound transfer as journaled: which chunks are fsynced and verified in its staging.
     */
    static final class Inbound
    {
        final long id;
        final String peer;
        final String dataset;
        final String version;
        final byte[] digest;
        final int chunkCount;
        final BitSet durable;

        Inbound(
            final long id,
            final String peer,
            final String dataset,
            final String version,
            final byte[] digest,
            final int chunkCount)
        {
            this.id = id;
            this.peer = peer;
            this.dataset = dataset;
            this.version = version;
            this.digest = digest;
            this.chunkCount = chunkCount;
            this.durable = new BitSet(chunkCount);
        }

        boolean matches(final String peer, final byte[] digest)
        {
            return this.peer.equals(peer) && Arrays.equals(this.digest, digest);
        }
    }

    private final Map<Long, Outbound> outbound = new LinkedHashMap<>();
    private final ArrayDeque<Outbound> finished = new ArrayDeque<>();
    private final Map<Long, Inbound> inbound = new LinkedHashMap<>();

    void outboundBegun(final Outbound transfer)
    {
        if (!outbound.containsKey(transfer.id) && !isFinished(transfer.id))
        {
            outbound.put(transfer.id, transfer);
        }
    }

    void outboundDigest(final long id, final byte[] digest)
    {
        final Outbound transfer = outbound.get(id);
        if (null != transfer)
        {
            transfer.digest = digest;
        }
    }

    void outboundTargetEnded(
        final long id, final String hub, final TransferState state, final String reason, final String message)
    {
        final Outbound transfer = outbound.get(id);
        if (null == transfer)
        {
            return;
        }
        for (int i = 0; i < transfer.hubs.length; i++)
        {
            if (transfer.hubs[i].equals(hub))
            {
                transfer.states[i] = state;
                transfer.reasons[i] = reason;
                transfer.messages[i] = message;
            }
        }
        if (transfer.isFinished())
        {
            outbound.remove(id);
            finished.addLast(transfer);
            while (finished.size() > FINISHED_KEPT)
            {
                finished.removeFirst();
            }
        }
    }

    void inboundBegun(final Inbound transfer)
    {
        inbound.putIfAbsent(transfer.id, transfer);
    }

    void chunkDurable(final long id, final int chunkIndex)
    {
        final Inbound transfer = inbound.get(id);
        if (null != transfer && chunkIndex >= 0 && chunkIndex < transfer.chunkCount)
        {
            transfer.durable.set(chunkIndex);
        }
    }

    void chunksDurable(final long id, final long[] words)
    {
        final Inbound transfer = inbound.get(id);
        if (null != transfer)
        {
            final BitSet set = BitSet.valueOf(words);
            set.clear(transfer.chunkCount, Math.max(transfer.chunkCount, set.length()));
            transfer.durable.or(set);
        }
    }

    void inboundEnded(final long id)
    {
        inbound.remove(id);
    }

    Inbound inbound(final long id)
    {
        return inbound.get(id);
    }

    List<Inbound> inbound()
    {
        return new ArrayList<>(inbound.values());
    }

    /**
     * Outbound transfers not yet finished, oldest first.
     */
    List<Outbound> activeOutbound()
    {
        return new ArrayList<>(outbound.values());
    }

    /**
     * Finished outbound transfers, oldest first.
     */
    List<Outbound> finishedOutbound()
    {
        return new ArrayList<>(finished);
    }

    private boolean isFinished(final long id)
    {
        for (final Outbound transfer : finished)
        {
            if (transfer.id == id)
            {
                return true;
            }
        }
        return false;
    }
}
