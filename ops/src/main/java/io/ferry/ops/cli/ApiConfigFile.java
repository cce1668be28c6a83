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
 * The {@code [api]} section of a ferry TOML config, as far as the CLI needs it: where to reach ferryd and its token.
 *
 * @param file      the config file it was read from.
 * @param apiUrl    base URL derived from {@code [api] listen}, or null if the key is absent.
 * @param tokenFile {@code [api] token_file}, resolved against the config's directory, or null if absent.
 */
public record ApiConfigFile(Path file, String apiUrl, Path tokenFile)
{
    private static final TomlMapper TOML = new TomlMapper();

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
            return new ApiConfigFile(file, null, null);
        }
        final String listen = text(file, api, "listen");
        final String tokenFile = text(file, api, "token_file");
        final Path configDir = file.toAbsolutePath().getParent();
        return new ApiConfigFile(
            file,
            listen == null ? null : listenToUrl(file, listen),
            tokenFile == null ? null : configDir.resolve(tokenFile));
    }

    /**
     * Turn a listen address into the URL a local client reaches it at: {@code 0.0.0.0:8420} becomes
     * {@code http://127.0.0.1:8420}.
     *
     * @param file   config file, for the error message.
     * @param listen {@code host:port}, the host possibly a bracketed IPv6 address.
     * @return the base URL.
     */
    static String listenToUrl(final Path file, final String listen)
    {
        final int colon = listen.lastIndexOf(':');
        final String host = colon < 0 ? "" : listen.substring(0, colon);
        final String port = colon < 0 ? "" : listen.substring(colon + 1);
        if (!isPort(port))
        {
            throw new CliException(ExitCodes.USAGE, "config " + file + ": [api] listen \"" + listen +
                "\" is not host:port; write it like \"127.0.0.1:8420\"");
        }
        return "http://" + reachableHost(host) + ":" + port;
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
