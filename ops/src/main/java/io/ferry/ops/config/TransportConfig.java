package io.ferry.ops.config;

import java.nio.file.Path;

/**
 * The {@code [transport]} table: the Aeron UDP endpoint and media driver of this hub.
 *
 * @param listenHost             the address or name to receive UDP on, IPv6 without brackets.
 * @param listenPort             the UDP port, 1-65535.
 * @param mtu                    the default MTU in bytes, a multiple of 32 between 1408 and 65504.
 * @param termLength             the Aeron term length in bytes, a power of two, or 0 to derive it from the peers.
 * @param aeronDir               the Aeron directory, {@code /dev/shm/ferry-<hub id>} unless configured.
 * @param externalDriver         true to use a media driver started outside ferryd, false to embed one.
 * @param bandwidthBitsPerSecond the cap on all sending from this hub, or 0 for none.
 * @param encryption             {@code aes-256-gcm} or {@code none} (frames authenticated, not encrypted).
 */
public record TransportConfig(
    String listenHost,
    int listenPort,
    int mtu,
    int termLength,
    Path aeronDir,
    boolean externalDriver,
    long bandwidthBitsPerSecond,
    String encryption)
{
}
