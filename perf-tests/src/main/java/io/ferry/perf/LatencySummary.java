package io.ferry.perf;

import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Percentiles of a round-trip distribution in microseconds, read from HdrHistogram's
 * {@code outputPercentileDistribution} text, the only form Aeron's {@code EmbeddedPingPong} prints. ferry's own
 * histogram goes through the same text, so both sides of a comparison are read at the same percentile ticks: a
 * percentile is the value of the first tick at or above it (the text has no finer resolution).
 *
 * @param count  round trips recorded.
 * @param p50Us  median.
 * @param p99Us  99th percentile.
 * @param p999Us 99.9th percentile.
 * @param maxUs  largest round trip.
 * @param meanUs mean.
 */
public record LatencySummary(long count, double p50Us, double p99Us, double p999Us, double maxUs, double meanUs)
{
    /** Heading Aeron's ping-pong samples print before the distribution. */
    public static final String SAMPLE_HEADING = "Histogram of RTT latencies in microseconds.";

    private static final Pattern TICK =
        Pattern.compile("^\\s*([0-9.]+)\\s+([0-9.]+)\\s+([0-9]+)\\s+([0-9.]+|Infinity)\\s*$");
    private static final Pattern MEAN = Pattern.compile("^#\\[Mean\\s*=\\s*([0-9.]+),.*");
    private static final Pattern MAX =
        Pattern.compile("^#\\[Max\\s*=\\s*([0-9.]+),\\s*Total count\\s*=\\s*([0-9]+)\\].*");

    /**
     * Read a percentile distribution printed with values scaled to microseconds.
     *
     * @param lines the printed lines; lines that are not part of a distribution are skipped.
     * @return the summary.
     * @throws IllegalArgumentException if no complete distribution is found.
     */
    public static LatencySummary parse(final List<String> lines)
    {
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        double p999 = Double.NaN;
        double mean = Double.NaN;
        double max = Double.NaN;
        long count = -1;
        for (final String line : lines)
        {
            final Matcher tick = TICK.matcher(line);
            if (tick.matches())
            {
                final double value = Double.parseDouble(tick.group(1));
                final double percentile = Double.parseDouble(tick.group(2));
                p50 = Double.isNaN(p50) && percentile >= 0.5 ? value : p50;
                p99 = Double.isNaN(p99) && percentile >= 0.99 ? value : p99;
                p999 = Double.isNaN(p999) && percentile >= 0.999 ? value : p999;
                continue;
            }
            final Matcher meanLine = MEAN.matcher(line);
            if (meanLine.matches())
            {
                mean = Double.parseDouble(meanLine.group(1));
                continue;
            }
            final Matcher maxLine = MAX.matcher(line);
            if (maxLine.matches())
            {
                max = Double.parseDouble(maxLine.group(1));
                count = Long.parseLong(maxLine.group(2));
            }
        }
        if (Double.isNaN(p50) || Double.isNaN(p99) || Double.isNaN(p999) || Double.isNaN(mean) || count < 0)
        {
            throw new IllegalArgumentException("no complete percentile distribution in " + lines.size() + " lines");
        }
        return new LatencySummary(count, p50, p99, p999, max, mean);
    }

    /**
     * Summarise a histogram of nanoseconds the way {@link #parse} reads Aeron's sample.
     *
     * @param histogram round trips in nanoseconds.
     * @return the summary.
     */
    public static LatencySummary of(final Histogram histogram)
    {
        return parse(distribution(histogram));
    }

    /**
     * The text HdrHistogram prints for a histogram of nanoseconds, scaled to microseconds as Aeron's sample does.
     *
     * @param histogram round trips in nanoseconds.
     * @return the lines.
     */
    public static List<String> distribution(final Histogram histogram)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            histogram.outputPercentileDistribution(out, 1000.0);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
