package io.ferry.ops.cli;

import java.util.Locale;

/**
 * Human-readable sizes, rates, durations and percentages for the CLI's output.
 */
public final class Formats
{
    private static final String[] BINARY_UNITS = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    private static final long MS_PER_SECOND = 1000;
    private static final long SECONDS_PER_MINUTE = 60;
    private static final long SECONDS_PER_HOUR = 3600;
    private static final long SECONDS_PER_DAY = 86400;

    private Formats()
    {
    }

    /**
     * A byte count in binary units: {@code 512 B}, {@code 1.5 KiB}, {@code 256.0 MiB}.
     *
     * @param bytes the count.
     * @return the text.
     */
    public static String bytes(final long bytes)
    {
        if (bytes < 1024)
        {
            return bytes + " B";
        }
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < BINARY_UNITS.length - 1)
        {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, BINARY_UNITS[unit]);
    }

    /**
     * A rate in binary units per second: {@code 61.0 MiB/s}.
     *
     * @param bytesPerSecond the rate.
     * @return the text.
     */
    public static String rate(final long bytesPerSecond)
    {
        return bytes(bytesPerSecond) + "/s";
    }

    /**
     * A short duration in seconds with one decimal: {@code 4.2 s}.
     *
     * @param ms the duration in milliseconds.
     * @return the text.
     */
    public static String seconds(final long ms)
    {
        return String.format(Locale.ROOT, "%.1f s", ms / (double)MS_PER_SECOND);
    }

    /**
     * A long duration in its two largest units: {@code 42s}, {@code 5m 07s}, {@code 2h 03m}, {@code 3d 04h}.
     *
     * @param ms the duration in milliseconds.
     * @return the text.
     */
    public static String duration(final long ms)
    {
        final long seconds = Math.max(0, ms) / MS_PER_SECOND;
        if (seconds < SECONDS_PER_MINUTE)
        {
            return seconds + "s";
        }
        if (seconds < SECONDS_PER_HOUR)
        {
            return String.format(
                Locale.ROOT, "%dm %02ds", seconds / SECONDS_PER_MINUTE, seconds % SECONDS_PER_MINUTE);
        }
        if (seconds < SECONDS_PER_DAY)
        {
            return String.format(
                Locale.ROOT, "%dh %02dm", seconds / SECONDS_PER_HOUR, seconds % SECONDS_PER_HOUR / SECONDS_PER_MINUTE);
        }
        return String.format(
            Locale.ROOT, "%dd %02dh", seconds / SECONDS_PER_DAY, seconds % SECONDS_PER_DAY / SECONDS_PER_HOUR);
    }

    /**
     * A share of a total with one decimal: {@code 45.0%}; an empty total counts as done.
     *
     * @param done  the part done.
     * @param total the whole.
     * @return the text.
     */
    public static String percent(final long done, final long total)
    {
        return String.format(Locale.ROOT, "%.1f%%", fraction(done, total) * 100);
    }

    /**
     * A share of a total between 0 and 1; an empty total counts as done.
     *
     * @param done  the part done.
     * @param total the whole.
     * @return the fraction.
     */
    public static double fraction(final long done, final long total)
    {
        return total <= 0 ? 1.0 : Math.min(1.0, Math.max(0.0, done / (double)total));
    }

    /**
     * How long ago an instant was: {@code 3s ago}, or {@code never} for 0.
     *
     * @param nowMs  current epoch milliseconds.
     * @param thenMs the instant in epoch milliseconds, 0 for never.
     * @return the text.
     */
    public static String ago(final long nowMs, final long thenMs)
    {
        return thenMs <= 0 ? "never" : duration(nowMs - thenMs) + " ago";
    }
}
