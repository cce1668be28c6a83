package io.ferry.replication;

import io.ferry.transport.ControlProxy;

import org.agrona.collections.IntArrayList;

import java.util.ArrayList;

/**
 * Batches the acknowledgements of verified chunks on the target: each duty cycle, every transfer with verified chunks
 * waiting gets one ChunkAck sized to fit a frame. Runs on the link agent and allocates nothing in steady state.
 */
final class AckFlusher
{
    private final ArrayList<InboundTransfer> withPendingAcks = new ArrayList<>();
    private final int[] ackScratch = new int[ControlProxy.MAX_GROUP_ENTRIES];

    /**
     * Queue a verified chunk for acknowledgement, unless it is already waiting.
     */
    void add(final InboundTransfer transfer, final int chunkIndex)
    {
        if (transfer.ackPending.get(chunkIndex))
        {
            return;
        }
        if (transfer.pendingAcks.isEmpty())
        {
            withPendingAcks.add(transfer);
        }
        transfer.ackPending.set(chunkIndex);
        transfer.pendingAcks.addInt(chunkIndex);
    }

    /**
     * Forget a transfer that was discarded.
     */
    void remove(final InboundTransfer transfer)
    {
        withPendingAcks.remove(transfer);
    }

    /**
     * Send one ChunkAck per transfer with verified chunks waiting, at most one frame's worth each.
     *
     * @return acks sent.
     */
    int flush()
    {
        int work = 0;
        for (int i = 0, n = withPendingAcks.size(); i < n; i++)
        {
            final InboundTransfer transfer = withPendingAcks.get(i);
            final IntArrayList pending = transfer.pendingAcks;
            final int count = Math.min(pending.size(), transfer.link.control().maxAckChunks());
            final int last = pending.size() - 1;
            for (int k = 0; k < count; k++)
            {
                ackScratch[k] = pending.getInt(last - k);
            }
            if (transfer.link.control().chunkAck(transfer.id, transfer.bytesDurable, ackScratch, count))
            {
                for (int k = 0; k < count; k++)
                {
                    transfer.ackPending.clear(pending.getInt(pending.size() - 1));
                    pending.removeAt(pending.size() - 1);
                }
                work++;
            }
        }
        int kept = 0;
        for (int i = 0, n = withPendingAcks.size(); i < n; i++)
        {
            final InboundTransfer transfer = withPendingAcks.get(i);
            if (!transfer.pendingAcks.isEmpty())
            {
                withPendingAcks.set(kept++, transfer);
            }
        }
        while (withPendingAcks.size() > kept)
        {
            withPendingAcks.remove(withPendingAcks.size() - 1);
        }
        return work;
    }
}
