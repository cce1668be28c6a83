package io.ferry.replication.api;

import java.util.List;

/**
 * Immutable snapshot of a transfer as reported by the API.
 *
 * @param id          transfer id, e.g. {@code t-5f3a9c0e12ab4d77}.
 * @param dataset     dataset name.
 * @param version     version label.
 * @param kind        dataset or checkpoint.
 * @param priority    scheduling class.
 * @param source      source directory on this hub.
 * @param state       overall state: COMMITTED once every target committed; while any target is active, the least
 *                    advanced active state; once all are terminal, FAILED if any failed, else CANCELLED.
 * @param reason      reason code when FAILED or CANCELLED, else null.
 * @param message     human readable detail of the reason, or null.
 * @param filesTotal  number of files and directories in the version.
 * @param bytesTotal  bytes in the version, per target.
 * @param bytesDone   bytes verified and durable, summed over targets and divided by the number of targets.
 * @param rateBps     bytes acknowledged per second over the last half second, summed over targets.
 * @param createdMs   epoch milliseconds when the transfer was submitted.
 * @param updatedMs   epoch milliseconds of the last state change or progress.
 * @param targets     per-target progress, in request order.
 */
public record TransferView(
    String id,
    String dataset,
    String version,
    DataKind kind,
    TransferPriority priority,
    String source,
    TransferState state,
    String reason,
    String message,
    long filesTotal,
    long bytesTotal,
    long bytesDone,
    long rateBps,
    long createdMs,
    long updatedMs,
    List<TargetView> targets)
{
}
