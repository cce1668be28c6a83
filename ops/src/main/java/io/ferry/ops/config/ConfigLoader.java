package io.ferry.ops.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads ferryd's TOML configuration file and validates it, so that a bad file stops the daemon before anything starts.
 */
public final class ConfigLoader
{
    private static final TomlMapper TOML = new TomlMapper();

    private ConfigLoader()
    {
    }

    /**
     * Reads and validates a configuration file, then checks it against this machine: directories, key and token
     * files, and that the UDP and TCP ports are free; directories that are missing are created.
     *
     * @param file the configuration file.
     * @return the configuration.
     * @throws ConfigException naming the file, the key and the fix for the first problem found.
     */
    public static FerryConfig load(final Path file) throws ConfigException
    {
        final FerryConfig config = parse(file, read(file));
        MachineChecks.check(config);

        return config;
    }

    /**
     * Validates configuration text without touching the machine: no file is read or created and no port is bound.
     *
     * @param file the file the text came from, for messages and to resolve relative paths against its directory.
     * @param text the TOML text.
     * @return the configuration.
     * @throws ConfigException naming the file, the key and the fix for the first problem found.
     */
    public static FerryConfig parse(final Path file, final String text) throws ConfigException
    {
        final JsonNode document;
        try
        {
            document = TOML.readTree(text);
        }
        catch (final JsonProcessingException ex)
        {
            final JsonLocation location = ex.getLocation();
            final boolean located = null != location && location.getLineNr() > 0;
            throw new ConfigException(
                file,
                located ? "line " + location.getLineNr() : null,
                "TOML syntax error" + (located ? " at column " + location.getColumnNr() : "") + ": " +
                    ex.getOriginalMessage() + " (check the quotes around strings and the [table] and [[array]] " +
                    "headers on this line and the one before)",
                ex);
        }

        // A TOML document is always a table, empty text included.
        return ConfigParser.parse(file, (ObjectNode)document);
    }

    private static String read(final Path file) throws ConfigException
    {
        try
        {
            return Files.readString(file);
        }
        catch (final NoSuchFileException ex)
        {
            throw new ConfigException(file, null, "does not exist (pass the configuration file with --config FILE)", ex);
        }
        catch (final IOException ex)
        {
            throw new ConfigException(file, null, "cannot be read (" + IoErrors.reason(ex) + ")", ex);
        }
    }
}
