package io.ferry.perf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the once-a-second lines of Aeron's throughput samples ({@code "%.04g msgs/sec, %.04g bytes/sec, ..."}).
 */
public final class SampleOutput
{
    private static final Pattern RATE_LINE =
        Pattern.compile("^\\s*([0-9.eE+-]+) msgs/sec, ([0-9.eE+-]+) bytes/sec\\b.*");

    private SampleOutput()
    {
    }

    /**
     * The bytes per second a report line gives.
     *
     * @param line a line of the sample's output.
     * @return bytes per second, or empty if the line is not a rate report.
     */
    public static OptionalDouble bytesPerSecond(final String line)
    {
        final Matcher matcher = RATE_LINE.matcher(line);
        if (!matcher.matches())
        {
            return OptionalDouble.empty();
        }
        try
        {
            return OptionalDouble.of(Double.parseDouble(matcher.group(2)));
        }
        catch (final NumberFormatException ex)
        {
            return OptionalDouble.empty();
        }
    }

    /**
     * Median of the intervals after the first {@code skip}, which cover start-up.
     *
     * @param intervals bytes per second of each reported interval, in order.
     * @param skip      intervals to leave out at the start.
     * @return the median.
     */
    public static double medianAfter(final List<Double> intervals, final int skip)
    {
        if (intervals.size() <= skip)
        {
            throw new IllegalArgumentException(
                "only " + intervals.size() + " intervals reported, need more than " + skip);
        }
        final List<Double> sorted = new ArrayList<>(intervals.subList(skip, intervals.size()));
        Collections.sort(sorted);
        final int n = sorted.size();
        return (n & 1) == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
