package io.ferry.ops.cli;

/**
 * Exit codes of the {@code ferry} command, as DESIGN section 10 fixes them.
 */
public final class ExitCodes
{
    /**
     * The command did what was asked.
     */
    public static final int DONE = 0;

    /**
     * The operation failed: the API refused it, or a waited-for transfer ended failed or cancelled.
     */
    public static final int FAILED = 1;

    /**
     * Bad usage or bad configuration, found before anything was asked of the daemon.
     */
    public static final int USAGE = 2;

    /**
     * The daemon could not be reached.
     */
    public static final int UNREACHABLE = 3;

    private ExitCodes()
    {
    }
}
