package io.ferry.ops.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One TOML table read key by key, so that every error names the file and the full key path.
 */
final class TomlTable
{
    private final Path file;
    private final String label;
    private final ObjectNode node;

    private TomlTable(final Path file, final String label, final ObjectNode node)
    {
        this.file = file;
        this.label = label;
        this.node = node;
    }

    /**
     * Wraps a table, rejecting any key that is not in {@code validKeys}, the first unknown key in file order.
     *
     * @param file      the configuration file, for messages.
     * @param label     how the table is named in messages: {@code ""}, {@code [hub]} or {@code [[peer]] west:}.
     * @param node      the table, or null when it is absent (read as empty).
     * @param validKeys the keys the table may hold.
     * @return the table.
     * @throws ConfigException on the first unknown key.
     */
    static TomlTable of(final Path file, final String label, final ObjectNode node, final List<String> validKeys)
        throws ConfigException
    {
        final TomlTable table = new TomlTable(file, label, null == node ? JsonNodeFactory.instance.objectNode() : node);
        final Iterator<String> names = table.node.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!validKeys.contains(name))
            {
                throw table.invalid(name, "unknown key (valid keys: " + String.join(", ", validKeys) + ")");
            }
        }

        return table;
    }

    /**
     * The same table under another label, used once a {@code [[peer]]} or {@code [[dataset]]} has a valid name.
     */
    TomlTable relabel(final String newLabel)
    {
        return new TomlTable(file, newLabel, node);
    }

    /**
     * The child table {@code [key]}, or null when it is absent.
     */
    ObjectNode table(final String key) throws ConfigException
    {
        final JsonNode value = node.get(key);
        if (null == value || value.isObject())
        {
            return (ObjectNode)value;
        }
        if (value.isArray())
        {
            throw invalid(key, "expected one table [" + key + "], got an array; write [" + key + "], not [[" +
                key + "]]");
        }

        throw invalid(key, "expected a table [" + key + "], got " + describe(value));
    }

    /**
     * The tables of the array {@code [[key]]} in file order, empty when it is absent.
     */
    List<ObjectNode> tableArray(final String key) throws ConfigException
    {
        final JsonNode value = node.get(key);
        final List<ObjectNode> tables = new ArrayList<>();
        if (null == value)
        {
            return tables;
        }
        if (value.isObject())
        {
            throw invalid(key, "expected an array of tables [[" + key + "]], got one table; write [[" + key +
                "]], not [" + key + "]");
        }
        if (!value.isArray())
        {
            throw invalid(key, "expected an array of tables [[" + key + "]], got " + describe(value));
        }
        for (final JsonNode element : value)
        {
            if (!element.isObject())
            {
                throw invalid(key, "expected an array of tables [[" + key + "]], got an element that is " +
                    describe(element));
            }
            tables.add((ObjectNode)element);
        }

        return tables;
    }

    boolean has(final String key)
    {
        return node.has(key);
    }

    /**
     * The value as written in the file, for messages: strings quoted, numbers bare.
     */
    String written(final String key)
    {
        return node.get(key).toString();
    }

    String requiredString(final String key) throws ConfigException
    {
        if (!has(key))
        {
            throw invalid(key, "missing (required)");
        }

        return optionalString(key, null);
    }

    String optionalString(final String key, final String defaultValue) throws ConfigException
    {
        final JsonNode value = node.get(key);
        if (null == value)
        {
            return defaultValue;
        }
        if (!value.isTextual())
        {
            throw invalid(key, "expected a string, got " + describe(value));
        }

        return value.textValue();
    }

    long integer(final String key, final long defaultValue) throws ConfigException
    {
        final JsonNode value = node.get(key);
        if (null == value)
        {
            return defaultValue;
        }
        if (!value.isIntegralNumber())
        {
            throw invalid(key, "expected an integer, got " + describe(value));
        }
        if (!value.canConvertToLong())
        {
            throw invalid(key, value + " is too large");
        }

        return value.longValue();
    }

    boolean bool(final String key, final boolean defaultValue) throws ConfigException
    {
        final JsonNode value = node.get(key);
        if (null == value)
        {
            return defaultValue;
        }
        if (!value.isBoolean())
        {
            throw invalid(key, "expected true or false, got " + describe(value));
        }

        return value.booleanValue();
    }

    /**
     * A size: an integer number of bytes or a string such as {@code "64k"}.
     */
    long bytes(final String key, final long defaultValue) throws ConfigException
    {
        return quantity(key, defaultValue, Units::parseBytes, true, "a size (bytes, or a string like \"64k\")");
    }

    /**
     * A rate: an integer number of bits per second or a string such as {@code "10gbit"}.
     */
    long bitsPerSecond(final String key, final long defaultValue) throws ConfigException
    {
        return quantity(key, defaultValue, Units::parseBitsPerSecond, true, "a rate (a string like \"10gbit\")");
    }

    /**
     * A duration: a string with a unit such as {@code "40ms"}; a bare number would leave the unit to guesswork.
     */
    long durationNs(final String key, final long defaultValue) throws ConfigException
    {
        return quantity(key, defaultValue, Units::parseDurationNs, false, "a duration (a string like \"40ms\")");
    }

    /**
     * A path that must be absolute, required.
     */
    Path absolutePath(final String key) throws ConfigException
    {
        final Path path = toPath(key, requiredString(key));
        if (!path.isAbsolute())
        {
            throw invalid(key, written(key) + " is not an absolute path (write it from /, e.g. \"/var/lib/ferry\")");
        }

        return path;
    }

    /**
     * A path resolved against {@code baseDir} when relative, or null when the key is absent.
     */
    Path path(final String key, final Path baseDir) throws ConfigException
    {
        final String text = optionalString(key, null);

        return null == text ? null : baseDir.resolve(toPath(key, text)).normalize();
    }

    HostPort hostPort(final String key, final String defaultValue) throws ConfigException
    {
        final String text = null == defaultValue ? requiredString(key) : optionalString(key, defaultValue);
        try
        {
            return HostPort.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw invalid(key, ex.getMessage());
        }
    }

    /**
     * An error on {@code key}, named by its full path such as {@code [transport] mtu} or {@code [[peer]] west: rtt}.
     */
    ConfigException invalid(final String key, final String problem)
    {
        return new ConfigException(file, label.isEmpty() ? key : label + " " + key, problem);
    }

    private long quantity(
        final String key,
        final long defaultValue,
        final ToLongFunction<String> parser,
        final boolean integerAllowed,
        final String expected)
        throws ConfigException
    {
        final JsonNode value = node.get(key);
        if (null == value)
        {
            return defaultValue;
        }
        if (value.isTextual())
        {
            try
            {
                return parser.applyAsLong(value.textValue());
            }
            catch (final IllegalArgumentException ex)
            {
                throw invalid(key, ex.getMessage());
            }
        }
        if (integerAllowed && value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0)
        {
            return value.longValue();
        }

        throw invalid(key, "expected " + expected + ", got " + describe(value));
    }

    private Path toPath(final String key, final String text) throws ConfigException
    {
        if (text.isBlank())
        {
            throw invalid(key, "is empty (write a path)");
        }
        try
        {
            return Path.of(text);
        }
        catch (final InvalidPathException ex)
        {
            throw invalid(key, written(key) + " is not a valid path (" + ex.getReason() + ")");
        }
    }

    private static String describe(final JsonNode value)
    {
        if (value.isTextual())
        {
            return "string " + value;
        }
        if (value.isIntegralNumber())
        {
            return "integer " + value;
        }
        if (value.isNumber())
        {
            return "number " + value;
        }
        if (value.isBoolean())
        {
            return "boolean " + value;
        }

        // TOML has no other kinds of value: dates and times arrive as strings.
        return value.isArray() ? "an array" : "a table";
    }
}
