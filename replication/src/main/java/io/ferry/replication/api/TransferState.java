package io.ferry.replication.api;

/**
 * Life cycle of a transfer and of each of its targets.
 */
public enum TransferState
{
    QUEUED,
    OFFERED,
    SENDING,
    VERIFYING,
    COMMITTED,
    FAILED,
    CANCELLED;

    /**
     * Whether no further transition can happen.
     *
     * @return true for COMMITTED, FAILED and CANCELLED.
     */
    public boolean isTerminal()
    {
        return this == COMMITTED || this == FAILED || this == CANCELLED;
    }
}
