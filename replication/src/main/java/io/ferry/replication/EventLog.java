package io.ferry.replication;

import java.io.PrintStream;
import java.time.Instant;

/**
 * One-line event log of state changes (never per message): time, hub, level, text; goes to stderr, which
 * systemd's journal captures.
 */
public final class EventLog
{
    private final String hubId;
    private final PrintStream out;

    /**
     * A log for a hub.
     *
     * @param hubId hub id printed on every line.
     * @param out   where lines go.
     */
    public EventLog(final String hubId, final PrintStream out)
    {
        this.hubId = hubId;
        this.out = out;
    }

    /**
     * Log an informational event.
     *
     * @param message text.
     */
    public void info(final String message)
    {
        line("INFO", message);
    }

    /**
     * Log a warning: something failed but the daemon carries on.
     *
     * @param message text.
     */
    public void warn(final String message)
    {
        line("WARN", message);
    }

    /**
     * Log an error with its cause.
     *
     * @param message text.
     * @param cause   throwable, may be null.
     */
    public void error(final String message, final Throwable cause)
    {
        line("ERROR", null == cause ? message : message + ": " + cause);
    }

    private void line(final String level, final String message)
    {
        out.println(Instant.now() + " " + level + " [" + hubId + "] " + message);
    }
}
