package io.ferry.transport;

/**
 * A configured peer hub as the transport needs it: where it listens and what its link can carry.
 *
 * @param id                    peer hub id.
 * @param host                  UDP host of the peer.
 * @param port                  UDP port of the peer.
 * @param mtu                   MTU of the link in bytes (multiple of 32).
 * @param bandwidthBitsPerSecond link capacity, used to size windows and buffers.
 * @param rttNs                 round-trip time of the link in nanoseconds.
 */
public record PeerEndpoint(
    String id, String host, int port, int mtu, long bandwidthBitsPerSecond, long rttNs)
{
    /**
     * Endpoint in the form Aeron channel URIs take.
     *
     * @return host:port, with IPv6 literals bracketed.
     */
    public String endpoint()
    {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
