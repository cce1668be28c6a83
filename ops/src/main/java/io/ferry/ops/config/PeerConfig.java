package io.ferry.ops.config;

/**
 * One {@code [[peer]]} table: another hub this hub exchanges data with, and the path to it.
 *
 * @param id                     the peer's hub id, unique and not this hub's own id.
 * @param host                   the peer's UDP address or name, IPv6 without brackets.
 * @param port                   the peer's UDP port, 1-65535.
 * @param publicKey              the peer's Ed25519 public key in base64 (32 bytes), or null when not configured.
 * @param bandwidthBitsPerSecond the rate the path to the peer can carry, more than 0.
 * @param rttNs                  the expected round-trip time to the peer in nanoseconds, up to 10 s.
 * @param mtu                    the MTU towards the peer in bytes, a multiple of 32 between 1408 and 65504.
 */
public record PeerConfig(
    String id,
    String host,
    int port,
    String publicKey,
    long bandwidthBitsPerSecond,
    long rttNs,
    int mtu)
{
}
