package io.ferry.ops.config;

import java.nio.file.Path;

/**
 * A configuration that cannot be used, with a message naming the file, the key and what to do about it.
 */
public final class ConfigException extends Exception
{
    /**
     * Creates an error shaped {@code <file>: <key>: <problem>}.
     *
     * @param file    the configuration file.
     * @param key     the key path such as {@code [[peer]] west: rtt}, or null when the whole file is at fault.
     * @param problem what is wrong and what to do.
     */
    public ConfigException(final Path file, final String key, final String problem)
    {
        super(message(file, key, problem));
    }

    /**
     * Creates an error shaped {@code <file>: <key>: <problem>} that keeps the low-level cause for debugging.
     *
     * @param file    the configuration file.
     * @param key     the key path, or null when the whole file is at fault.
     * @param problem what is wrong and what to do.
     * @param cause   the exception that revealed the problem.
     */
    public ConfigException(final Path file, final String key, final String problem, final Throwable cause)
    {
        super(message(file, key, problem), cause);
    }

    private static String message(final Path file, final String key, final String problem)
    {
        return null == key ? file + ": " + problem : file + ": " + key + ": " + problem;
    }
}
