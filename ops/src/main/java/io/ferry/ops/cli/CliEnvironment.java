package io.ferry.ops.cli;

import java.util.Map;

/**
 * What the CLI reads from its surroundings: environment variables and whether stdout is a terminal.
 *
 * @param variables   environment variables, e.g. {@code FERRY_API} and {@code FERRY_TOKEN_FILE}.
 * @param interactive whether a person watches a terminal, so progress can be redrawn in place.
 */
public record CliEnvironment(Map<String, String> variables, boolean interactive)
{
    /**
     * The environment of this process.
     *
     * @return the process environment, interactive when a console is attached.
     */
    public static CliEnvironment system()
    {
        return new CliEnvironment(System.getenv(), System.console() != null);
    }

    /**
     * A variable's value when it is set and not blank.
     *
     * @param name variable name.
     * @return the value, or null.
     */
    public String variable(final String name)
    {
        final String value = variables.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
