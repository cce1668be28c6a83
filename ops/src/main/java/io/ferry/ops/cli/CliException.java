package io.ferry.ops.cli;

/**
 * A failure the CLI reports as one line on stderr, {@code ferry: MESSAGE}, before exiting with its code.
 */
public final class CliException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * Create a failure with the exit code it ends the command with.
     *
     * @param exitCode one of {@link ExitCodes}.
     * @param message  what happened, to what, and what to do.
     */
    public CliException(final int exitCode, final String message)
    {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * The exit code the command ends with.
     *
     * @return one of {@link ExitCodes}.
     */
    public int exitCode()
    {
        return exitCode;
    }
}
