package io.ferry.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * User and system CPU time of a process together with its children: from /proc/PID/stat for a live process (its own
 * time plus the time of the children it has reaped, so a daemon's forked per-connection children count once they
 * end), or from the output of bash's {@code times} for a client run under a wrapper shell.
 *
 * @param userSeconds   user CPU seconds.
 * @param systemSeconds system CPU seconds.
 */
public record ProcessCpu(double userSeconds, double systemSeconds)
{
    /** Detail key of a run's CPU seconds at both ends (user + sys), where both were measured. */
    public static final String BOTH_ENDS_KEY = "cpu_seconds_both_ends";

    /** Nothing used. */
    public static final ProcessCpu ZERO = new ProcessCpu(0, 0);

    /** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux), as {@link ThreadCpu} takes it. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final int UTIME_FIELD = 14;
    private static final Pattern DURATION = Pattern.compile("(\\d+)m(\\d+(?:[.,]\\d+)?)s");
    private static final long REAP_POLL_MS = 20;

    /**
     * Parse one /proc/PID/stat line: utime + cutime as user time, stime + cstime as system time.
     *
     * @param statLine the line; the command name in parentheses may hold spaces and parentheses.
     * @return the times.
     * @throws IllegalArgumentException if the line is not a stat line.
     */
    public static ProcessCpu parseStat(final String statLine)
    {
        final int close = statLine.lastIndexOf(')');
        if (close < 0 || close + 2 > statLine.length())
        {
            throw new IllegalArgumentException("not a /proc stat line: " + statLine);
        }
        // Fields after the name start at field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17.
        final String[] fields = statLine.substring(close + 2).trim().split(" +");
        final int first = UTIME_FIELD - 3;
        if (fields.length < first + 4)
        {
            throw new IllegalArgumentException("short /proc stat line: " + statLine);
        }
        final long user = Long.parseLong(fields[first]) + Long.parseLong(fields[first + 2]);
        final long system = Long.parseLong(fields[first + 1]) + Long.parseLong(fields[first + 3]);
        return new ProcessCpu(user / TICKS_PER_SECOND, system / TICKS_PER_SECOND);
    }

    /**
     * Parse the output of bash's (or dash's) {@code times}: the second line holds the user and system time of the
     * shell's children, e.g. {@code 0m1.234s 0m0.567s} (or {@code 0m1,234s} under a locale with a decimal comma).
     *
     * @param output what {@code times} printed.
     * @return the children's times, or empty if the output is not in that shape.
     */
    public static Optional<ProcessCpu> parseTimes(final String output)
    {
        final List<String> lines = output.strip().lines().toList();
        if (lines.size() != 2)
        {
            return Optional.empty();
        }
        final Matcher matcher = DURATION.matcher(lines.get(1));
        final double[] seconds = new double[2];
        for (int i = 0; i < 2; i++)
        {
            if (!matcher.find())
            {
                return Optional.empty();
            }
            // bash prints the locale's decimal separator.
            seconds[i] = Long.parseLong(matcher.group(1)) * 60 + Double.parseDouble(matcher.group(2).replace(',', '.'));
        }
        return Optional.of(new ProcessCpu(seconds[0], seconds[1]));
    }

    /**
     * CPU time of a live process and everything under it: its own and its reaped children's time, plus that of
     * descendants still running (whose own reaped children count through them).
     *
     * @param process the process.
     * @return the times; a process that ended counts as nothing.
     */
    public static ProcessCpu ofTree(final ProcessHandle process)
    {
        ProcessCpu total = of(process.pid());
        for (final ProcessHandle child : process.children().toList())
        {
            total = total.plus(ofTree(child));
        }
        return total;
    }

    /**
     * Wait until a daemon has reaped every child it forked for a connection, so their time is in its own figures.
     *
     * @param process   the daemon.
     * @param timeoutMs how long to wait.
     * @return true if no child is left, false if some still run after the timeout (and count through {@link #ofTree}).
     * @throws InterruptedException if interrupted while waiting.
     */
    public static boolean awaitChildrenReaped(final ProcessHandle process, final long timeoutMs)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (process.children().findAny().isPresent())
        {
            if (System.nanoTime() > deadlineNs)
            {
                return false;
            }
            Thread.sleep(REAP_POLL_MS);
        }
        return true;
    }

    /**
     * Read the times a wrapper shell wrote with {@code times}.
     *
     * @param file the file.
     * @return the children's times, or empty if the file is missing or not in shape.
     */
    public static Optional<ProcessCpu> readTimes(final Path file)
    {
        try
        {
            return parseTimes(Files.readString(file, StandardCharsets.US_ASCII));
        }
        catch (final IOException ex)
        {
            return Optional.empty();
        }
    }

    /**
     * Wrap a command so that bash runs it and then writes the user and system time of the command and all it waited
     * for into a file ({@link #readTimes}), passing the command's exit status through.
     *
     * @param command   the command line.
     * @param timesFile where to write the times.
     * @return the wrapped command line.
     */
    public static List<String> timed(final List<String> command, final Path timesFile)
    {
        final List<String> wrapped = new ArrayList<>(List.of("bash", "-c",
            "\"$@\"; status=$?; times > '" + timesFile.toString().replace("'", "'\\''") + "'; exit $status", "timed"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * The sum of two measurements.
     *
     * @param other the other one.
     * @return the sum.
     */
    public ProcessCpu plus(final ProcessCpu other)
    {
        return new ProcessCpu(userSeconds + other.userSeconds, systemSeconds + other.systemSeconds);
    }

    /**
     * The time used since an earlier measurement of the same process.
     *
     * @param earlier the earlier measurement.
     * @return the difference.
     */
    public ProcessCpu minus(final ProcessCpu earlier)
    {
        return new ProcessCpu(userSeconds - earlier.userSeconds, systemSeconds - earlier.systemSeconds);
    }

    /**
     * User plus system time.
     *
     * @return CPU seconds.
     */
    public double seconds()
    {
        return userSeconds + systemSeconds;
    }

    private static ProcessCpu of(final long pid)
    {
        try
        {
            return parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8));
        }
        catch (final IOException | RuntimeException ex)
        {
            // The process ended between listing and reading: what it used is in its parent's reaped time, or lost.
            return ZERO;
        }
    }
}
