package io.ferry.ops.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code [api]} section of a ferry TOML config, as far as the CLI needs it: where to reach ferryd, its token and
 * the certificate to trust.
 *
 * @param file      the config file it was read from.
 * @param apiUrl    base URL derived from {@code [api] listen} and {@code tls_cert}, or null if neither is set.
 * @param tokenFile {@code [api] token_file}, resolved against the config's directory, or null if absent.
 * @param caFile    {@code [api] tls_cert}, resolved against the config's directory, or null if absent.
 */
public record ApiConfigFile(Path file, String apiUrl, Path tokenFile, Path caFile)
{
    private static final TomlMapper TOML = new TomlMapper();
    /** ferryd's default {@code [api] listen}, for a config that sets {@code tls_cert} but not {@code listen}. */
    private static final String DEFAULT_LISTEN = "127.0.0.1:8420";

    /**
     * Read the {@code [api]} section of a config file.
     *
     * @param file the ferry TOML config.
     * @return the section.
     * @throws CliException with {@link ExitCodes#USAGE} naming the file and key if it cannot be read or is wrong.
     */
    public static ApiConfigFile read(final Path file)
    {
        final JsonNode root;
        try
        {
            root = TOML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        }
        catch (final JsonProcessingException ex)
        {
            throw new CliException(ExitCodes.USAGE, "config " + file + ": not valid TOML: " + ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw new CliException(ExitCodes.USAGE, "config " + file + ": cannot read it (" + describe(ex) +
                "); pass the ferryd config with --config FILE");
        }

        final JsonNode api = root == null ? null : root.get("api");
        if (api == null)
        {
            return new ApiConfigFile(file, null, null, null);
        }
        final String listen = text(file, api, "listen");
        final String tokenFile = text(file, api, "token_file");
        final String tlsCert = text(file, api, "tls_cert");
        final Path configDir = file.toAbsolutePath().getParent();
        final boolean tls = tlsCert != null;
        final String listenOrDefault = listen == null && tls ? DEFAULT_LISTEN : listen;
        return new ApiConfigFile(
            file,
            listenOrDefault == null ? null : listenToUrl(file, listenOrDefault, tls),
            tokenFile == null ? null : configDir.resolve(tokenFile),
            tls ? configDir.resolve(tlsCert) : null);
    }

    /**
     * Turn a listen address into the URL a local client reaches it at: {@code 0.0.0.0:8420} becomes
     * {@code http://127.0.0.1:8420}, or {@code https://127.0.0.1:8420} with TLS.
     *
     * @param file   config file, for the error message.
     * @param listen {@code host:port}, the host possibly a bracketed IPv6 address.
     * @param tls    whether ferryd serves HTTPS ({@code [api] tls_cert} is set).
     * @return the base URL.
     */
    static String listenToUrl(final Path file, final String listen, final boolean tls)
    {
        final int colon = listen.lastIndexOf(':');
        final String host = colon < 0 ? "" : listen.substring(0, colon);
        final String port = colon < 0 ? "" : listen.substring(colon + 1);
        if (!isPort(port))
        {
            throw new CliException(ExitCodes.USAGE, "config " + file + ": [api] listen \"" + listen +
                "\" is not host:port; write it like \"127.0.0.1:8420\"");
        }
        return (tls ? "https://" : "http://") + reachableHost(host) + ":" + port;
    }

    /**
     * A short reason for an I/O failure on a file, e.g. {@code no such file}.
     *
     * @param ex the failure.
     * @return the reason.
     */
    static String describe(final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such file";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        return ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }

    private static String reachableHost(final String host)
    {
        return switch (host)
        {
            case "", "0.0.0.0" -> "127.0.0.1";
            case "[::]", "::" -> "[::1]";
            default -> host;
        };
    }

    private static boolean isPort(final String port)
    {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit))
        {
            return false;
        }
        final int value = Integer.parseInt(port);
        return value > 0 && value <= 65535;
    }

    private static String text(final Path file, final JsonNode api, final String key)
    {
        final JsonNode node = api.get(key);
        if (node == null)
        {
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank())
        {
            throw new CliException(ExitCodes.USAGE, "config " + file + ": [api] " + key +
                " must be a non-empty string, not " + node);
        }
        return node.textValue().strip();
    }
}
