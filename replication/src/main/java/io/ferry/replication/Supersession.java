package io.ferry.replication;

import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.manifest.Manifest;

import java.util.List;

/**
 * A newer checkpoint of a dataset replaces older ones still in flight: their targets that the newer one also goes
 * to are cancelled with reason {@code SUPERSEDED}, and those targets drop their staging on {@code Cancel}.
 */
final class Supersession
{
    private Supersession()
    {
    }

    /**
     * Cancel the targets of older checkpoints of the newer one's dataset that the newer one also goes to. Versions
     * reach the source engine in the order they were submitted (one scan thread), so every checkpoint already there is
     * older. A target that already acknowledged every chunk is publishing and is left to finish. Records left with
     * no active target are retired by the engine's next duty cycle.
     *
     * @param order records in the source engine.
     * @param newer the checkpoint about to be added.
     * @param nowMs current time.
     * @param log   event log.
     */
    static void supersedeOlder(
        final List<TransferRecord> order, final TransferRecord newer, final long nowMs, final EventLog log)
    {
        for (int i = 0, n = order.size(); i < n; i++)
        {
            final TransferRecord record = order.get(i);
            if (record.kind != DataKind.CHECKPOINT || !record.dataset.equals(newer.dataset))
            {
                continue;
            }
            final Manifest manifest = record.manifest();
            int superseded = 0;
            for (final TargetSession target : record.targets)
            {
                final boolean publishing = null != manifest && target.state() == TransferState.VERIFYING &&
                    target.ackedCount == manifest.chunkCount();
                if (!target.state().isTerminal() && !publishing && newer.hasTarget(target.hub))
                {
                    target.abort(record.id, TransferState.CANCELLED, "SUPERSEDED",
                        "superseded by " + newer.idText + " (" + newer.dataset + "/" + newer.version + ")");
                    superseded++;
                }
            }
            if (superseded > 0)
            {
                record.touch(nowMs);
                log.info("transfer " + record.idText + " " + record.dataset + "/" + record.version + ": " +
                    superseded + " target(s) superseded by " + newer.idText + " " + newer.version);
            }
        }
    }
}
