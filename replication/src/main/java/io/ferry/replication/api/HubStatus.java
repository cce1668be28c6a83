package io.ferry.replication.api;

/**
 * Snapshot of this hub as a whole.
 *
 * @param hubId           this hub's id.
 * @param ferryVersion    ferry build version.
 * @param startedMs       epoch milliseconds the daemon started.
 * @param peersConnected  peers currently connected.
 * @param peersTotal      peers configured.
 * @param transfersActive transfers not yet in a terminal state (sent or received).
 * @param bytesSent       data payload bytes sent since start.
 * @param bytesReceived   data payload bytes received since start.
 * @param sourceBytesRead bytes read from source files for outbound transfers since start (a fan-out reads once).
 */
public record HubStatus(
    String hubId,
    String ferryVersion,
    long startedMs,
    int peersConnected,
    int peersTotal,
    int transfersActive,
    long bytesSent,
    long bytesReceived,
    long sourceBytesRead)
{
}
