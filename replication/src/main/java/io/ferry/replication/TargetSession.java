package io.ferry.replication;

import io.ferry.replication.api.TargetView;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.manifest.Manifest;
import io.ferry.transport.PeerLink;

import org.agrona.collections.IntArrayQueue;

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
    int cursor;
    int sendingChunk = -1;
    int sendingOffset;
    final IntArrayQueue resend = new IntArrayQueue();
    ChunkReader reader;
    long lastProgressNs;

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
        closeReader();
    }

    void start(final Manifest manifest)
    {
        if (null == acked)
        {
            acked = new BitSet(manifest.chunkCount());
        }
    }

    /**
     * Forget what was in flight: after a link loss the target states again what it holds.
     */
    void rewind()
    {
        cursor = 0;
        sendingChunk = -1;
        sendingOffset = 0;
        resend.clear();
        closeReader();
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
        bytesDone += manifest.chunkLengthOf(chunkIndex);
        lastProgressNs = nowNs;
        return true;
    }

    /**
     * Next chunk to send: requested resends first, then the cursor, skipping what is acknowledged.
     *
     * @return chunk index or -1 when nothing is left to send.
     */
    int nextChunk(final int chunkCount)
    {
        while (!resend.isEmpty())
        {
            final int chunk = resend.poll();
            if (!acked.get(chunk))
            {
                return chunk;
            }
        }
        while (cursor < chunkCount)
        {
            final int chunk = cursor++;
            if (!acked.get(chunk))
            {
                return chunk;
            }
        }
        return -1;
    }

    boolean hasWork(final int chunkCount)
    {
        return sendingChunk >= 0 || !resend.isEmpty() || cursor < chunkCount;
    }

    void closeReader()
    {
        if (null != reader)
        {
            reader.close();
            reader = null;
        }
    }

    TargetView view()
    {
        return new TargetView(hub, state, reason, bytesDone);
    }
}
