package io.ferry.ops.config;

import java.nio.file.Path;

/**
 * The {@code [api]} table: where the HTTP API listens, the bearer token that guards it and, optionally, its TLS files.
 *
 * @param listenHost  the address or name to accept TCP on, IPv6 without brackets.
 * @param listenPort  the TCP port, 1-65535.
 * @param tokenFile   the file holding the bearer token, mode 0600.
 * @param tlsCertFile the PEM X.509 certificate chain the API presents, or null when the API speaks plain HTTP.
 * @param tlsKeyFile  the PEM PKCS#8 private key of that certificate, mode 0600, or null when the API speaks plain HTTP.
 */
public record ApiConfig(String listenHost, int listenPort, Path tokenFile, Path tlsCertFile, Path tlsKeyFile)
{
    /**
     * Whether the API speaks HTTPS, i.e. both {@code tls_cert} and {@code tls_key} are set.
     *
     * @return true for HTTPS, false for plain HTTP.
     */
    public boolean tls()
    {
        return null != tlsCertFile;
    }
}
