package io.ferry.replication.api;

/**
 * Snapshot of one configured peer hub.
 *
 * @param id            peer hub id.
 * @param endpoint      UDP endpoint, host:port.
 * @param connected     whether the handshake completed and the peer was heard from recently.
 * @param lastHeardMs   epoch milliseconds the peer was last heard from, or 0 if never.
 * @param bytesSent     data payload bytes sent to this peer.
 * @param bytesReceived data payload bytes received from this peer.
 */
public record PeerView(String id, String endpoint, boolean connected, long lastHeardMs, long bytesSent, long bytesReceived)
{
}
