package io.ferry.replication.api;

/**
 * Progress of one target hub of a transfer.
 *
 * @param hub       target hub id.
 * @param state     state of this target.
 * @param reason    reason code of a failure, or null.
 * @param bytesDone bytes this target has verified and made durable.
 */
public record TargetView(String hub, TransferState state, String reason, long bytesDone)
{
}
