package io.ferry.ops.config;

import io.ferry.transport.HubIdentity;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Checks a parsed configuration against this machine, so that ferryd fails at start and not halfway through a transfer.
 */
final class MachineChecks
{
    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private MachineChecks()
    {
    }

    /**
     * Runs every check in a fixed order and stops at the first failure.
     *
     * @param config the parsed configuration.
     * @throws ConfigException naming the file, the key and the fix.
     */
    static void check(final FerryConfig config) throws ConfigException
    {
        final Path file = config.file();
        writableDirectory(file, "[hub] data_dir", config.hub().dataDir());
        for (final DatasetConfig dataset : config.datasets())
        {
            writableDirectory(file, "[[dataset]] " + dataset.name() + ": root", dataset.root());
        }

        identity(config);

        final Path tokenFile = config.api().tokenFile();
        final String tokenHint = "write a random token into it: openssl rand -hex 32 > " + tokenFile +
            " && chmod 600 " + tokenFile;
        ownerOnlyFile(file, "[api] token_file", tokenFile, tokenHint);
        nonEmptyToken(file, tokenFile, tokenHint);
        if (config.api().tls())
        {
            tlsFiles(file, config.api());
        }

        final TransportConfig transport = config.transport();
        udpPortFree(file, "[transport] listen", transport.listenHost(), transport.listenPort());
        tcpPortFree(file, "[api] listen", config.api().listenHost(), config.api().listenPort());
    }

    /**
     * Every link is authenticated, whatever {@code [transport] encryption} says, so ferryd needs its own key and the
     * key of every peer before it starts.
     */
    private static void identity(final FerryConfig config) throws ConfigException
    {
        final Path file = config.file();
        final Path identityKey = config.hub().identityKey();
        if (null == identityKey)
        {
            throw new ConfigException(file, "[hub] identity_key", "missing (required: every link is authenticated; " +
                "create a key with: ferry keygen --out /etc/ferry/" + config.hub().id() + ".key, then set " +
                "identity_key to that path)");
        }
        ownerOnlyFile(file, "[hub] identity_key", identityKey, "create it with: ferry keygen --out " + identityKey);
        try
        {
            HubIdentity.load(identityKey);
        }
        catch (final IOException ex)
        {
            throw new ConfigException(file, "[hub] identity_key", ex.getMessage(), ex);
        }
        for (final PeerConfig peer : config.peers())
        {
            if (null == peer.publicKey())
            {
                throw new ConfigException(file, "[[peer]] " + peer.id() + ": public_key", "missing (required: ferryd " +
                    "accepts a peer only if it knows its key; copy the public key ferry keygen printed on " +
                    peer.id() + ")");
            }
        }
    }

    /**
     * The API's certificate and key are read when the API starts; checking them here names the key that is wrong.
     */
    private static void tlsFiles(final Path file, final ApiConfig api) throws ConfigException
    {
        final String howTo = "docs/operations.md shows how to make a certificate and key with openssl";
        final Path cert = api.tlsCertFile();
        if (!Files.exists(cert))
        {
            throw new ConfigException(file, "[api] tls_cert", cert + " does not exist (" + howTo + ")");
        }
        if (!Files.isRegularFile(cert))
        {
            throw new ConfigException(file, "[api] tls_cert", cert + " is not a regular file (point [api] tls_cert " +
                "at the PEM certificate chain)");
        }
        if (!readText(file, "[api] tls_cert", cert).contains("-----BEGIN CERTIFICATE-----"))
        {
            throw new ConfigException(file, "[api] tls_cert", cert + " is not a PEM certificate (" + howTo + ")");
        }

        final Path key = api.tlsKeyFile();
        ownerOnlyFile(file, "[api] tls_key", key, howTo);
        if (!readText(file, "[api] tls_key", key).contains("-----BEGIN PRIVATE KEY-----"))
        {
            throw new ConfigException(file, "[api] tls_key", key + " is not a PEM PKCS#8 private key (convert it " +
                "with: openssl pkcs8 -topk8 -nocrypt -in " + key + " -out " + key + ".pk8, then point tls_key at " +
                "the new file and chmod 600 it)");
        }
    }

    private static void writableDirectory(final Path file, final String key, final Path directory)
        throws ConfigException
    {
        if (Files.exists(directory) && !Files.isDirectory(directory))
        {
            throw new ConfigException(file, key, directory + " is not a directory (remove it or choose another path)");
        }
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new ConfigException(file, key, "cannot create directory " + directory + " (" + IoErrors.reason(ex) +
                "); create it by hand or choose another path", ex);
        }
        if (!Files.isWritable(directory))
        {
            throw new ConfigException(file, key, directory + " is not writable by user " +
                System.getProperty("user.name") + " (chown it to that user or choose another path)");
        }
    }

    private static void ownerOnlyFile(final Path file, final String key, final Path secret, final String createHint)
        throws ConfigException
    {
        if (!Files.exists(secret))
        {
            throw new ConfigException(file, key, secret + " does not exist (" + createHint + ")");
        }
        if (!Files.isRegularFile(secret))
        {
            throw new ConfigException(file, key, secret + " is not a regular file (point " + key + " at the file)");
        }

        final Set<PosixFilePermission> permissions;
        try
        {
            permissions = Files.getPosixFilePermissions(secret);
        }
        catch (final IOException ex)
        {
            throw new ConfigException(file, key, "cannot read the permissions of " + secret + " (" +
                IoErrors.reason(ex) + ")", ex);
        }
        if (!OWNER_READ_WRITE.equals(permissions))
        {
            throw new ConfigException(file, key, secret + " has mode " + octal(permissions) +
                ", but it holds a secret and must have mode 0600 (chmod 600 " + secret + ")");
        }
    }

    private static void nonEmptyToken(final Path file, final Path tokenFile, final String tokenHint)
        throws ConfigException
    {
        if (readText(file, "[api] token_file", tokenFile).isBlank())
        {
            throw new ConfigException(file, "[api] token_file", tokenFile + " is empty (" + tokenHint + ")");
        }
    }

    private static String readText(final Path file, final String key, final Path path) throws ConfigException
    {
        try
        {
            return Files.readString(path);
        }
        catch (final IOException ex)
        {
            throw new ConfigException(file, key, "cannot read " + path + " (" + IoErrors.reason(ex) + ")", ex);
        }
    }

    private static void udpPortFree(final Path file, final String key, final String host, final int port)
        throws ConfigException
    {
        final InetSocketAddress address = resolve(file, key, host, port);
        try (DatagramSocket socket = new DatagramSocket(null))
        {
            socket.bind(address);
        }
        catch (final IOException ex)
        {
            throw bindFailure(file, key, "UDP", host, port, ex);
        }
    }

    private static void tcpPortFree(final Path file, final String key, final String host, final int port)
        throws ConfigException
    {
        final InetSocketAddress address = resolve(file, key, host, port);
        try (ServerSocket socket = new ServerSocket())
        {
            // Matches how the API server binds, so a port left in TIME_WAIT by a previous ferryd counts as free.
            socket.setReuseAddress(true);
            socket.bind(address);
        }
        catch (final IOException ex)
        {
            throw bindFailure(file, key, "TCP", host, port, ex);
        }
    }

    private static InetSocketAddress resolve(final Path file, final String key, final String host, final int port)
        throws ConfigException
    {
        final InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved())
        {
            throw new ConfigException(file, key, "host " + host + " does not resolve (use an IP address of this " +
                "machine, or 0.0.0.0 for all of them)");
        }

        return address;
    }

    private static ConfigException bindFailure(
        final Path file, final String key, final String protocol, final String host, final int port, final IOException ex)
    {
        final String what = protocol + " port " + port + " on " + host;
        final String listCommand = "UDP".equals(protocol) ? "ss -lunp" : "ss -ltnp";
        final String reason = IoErrors.reason(ex);
        if (ex instanceof BindException && reason.contains("in use"))
        {
            return new ConfigException(file, key, what + " is already in use (" + reason + "); stop the program " +
                "that holds it (" + listCommand + " shows it) or choose another port", ex);
        }

        return new ConfigException(file, key, "cannot bind " + what + " (" + reason + "); use an address of this " +
            "machine, 0.0.0.0 for all of them, or a port above 1023 when not running as root", ex);
    }

    private static String octal(final Set<PosixFilePermission> permissions)
    {
        int mode = 0;
        for (final PosixFilePermission permission : permissions)
        {
            // The enum runs OWNER_READ .. OTHERS_EXECUTE, the same order as the bits from 0400 down to 0001.
            mode |= 1 << (8 - permission.ordinal());
        }

        return String.format("%04o", mode);
    }
}
