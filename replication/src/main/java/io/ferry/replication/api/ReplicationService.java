package io.ferry.replication.api;

import java.util.List;
import java.util.Optional;

/**
 * What a hub offers its callers: submit, inspect and cancel transfers, and look at peers and datasets.
 * Implementations are thread-safe and never block on the network.
 */
public interface ReplicationService
{
    /**
     * Validate and queue a transfer.
     *
     * @param request what to replicate where.
     * @return the snapshot of the queued transfer.
     * @throws RequestException if the request is invalid (unknown dataset or peer, missing source, bad label).
     */
    TransferView submit(TransferRequest request) throws RequestException;

    /**
     * Transfers known to this hub, newest first.
     *
     * @param includeFinished whether to include committed, failed and cancelled transfers.
     * @return snapshots.
     */
    List<TransferView> transfers(boolean includeFinished);

    /**
     * One transfer by id.
     *
     * @param id transfer id.
     * @return the snapshot, or empty if unknown.
     */
    Optional<TransferView> transfer(String id);

    /**
     * Cancel a transfer that has not reached a terminal state.
     *
     * @param id transfer id.
     * @return the snapshot after cancelling.
     * @throws RequestException NOT_FOUND if unknown, CONFLICT if already terminal.
     */
    TransferView cancel(String id) throws RequestException;

    /**
     * This hub at a glance.
     *
     * @return the status snapshot.
     */
    HubStatus status();

    /**
     * Configured peers.
     *
     * @return peer snapshots in configuration order.
     */
    List<PeerView> peers();

    /**
     * Configured datasets and their published versions.
     *
     * @return dataset snapshots in configuration order.
     */
    List<DatasetView> datasets();
}
