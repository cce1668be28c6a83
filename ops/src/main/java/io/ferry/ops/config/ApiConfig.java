package io.ferry.ops.config;

import java.nio.file.Path;

/**
 * The {@code [api]} table: where the HTTP API listens and the bearer token that guards it.
 *
 * @param listenHost the address or name to accept TCP on, IPv6 without brackets.
 * @param listenPort the TCP port, 1-65535.
 * @param tokenFile  the file holding the bearer token, mode 0600.
 */
public record ApiConfig(String listenHost, int listenPort, Path tokenFile)
{
}
