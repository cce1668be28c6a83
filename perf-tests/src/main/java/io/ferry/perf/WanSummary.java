package io.ferry.perf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tool in one WAN scenario over its repeated runs: median, minimum and maximum rate, and how many runs were
 * verified or stopped at the time cap.
 *
 * @param lossPercent random loss of the scenario, each direction.
 * @param tool        run name, e.g. {@code ferry} or {@code gridftp-p4}.
 * @param runs        runs measured.
 * @param median      median rate, bytes per second.
 * @param min         lowest rate.
 * @param max         highest rate.
 * @param verified    runs whose copy matched the source file by file.
 * @param capped      runs stopped at the time cap.
 */
public record WanSummary(
    double lossPercent, String tool, int runs, double median, double min, double max, int verified, int capped)
{
    /** Detail key under which each WAN run records its scenario's loss. */
    public static final String LOSS_KEY = "loss_percent";

    /**
     * Summarise results by scenario and tool, in the order they first appear.
     *
     * @param results runs, each with a {@value #LOSS_KEY} detail.
     * @return one summary per scenario and tool.
     */
    public static List<WanSummary> of(final List<RunResult> results)
    {
        final Map<String, List<RunResult>> groups = new LinkedHashMap<>();
        for (final RunResult result : results)
        {
            groups.computeIfAbsent(result.details().get(LOSS_KEY) + "/" + result.name(), k -> new ArrayList<>())
                .add(result);
        }
        final List<WanSummary> summaries = new ArrayList<>();
        for (final List<RunResult> group : groups.values())
        {
            final Spread rate = Spread.of(group.stream().mapToDouble(RunResult::bytesPerSecond).toArray());
            final int verified = (int)group.stream().filter(r -> Boolean.TRUE.equals(r.verified())).count();
            final int capped = (int)group.stream().filter(r -> Boolean.TRUE.equals(r.details().get("capped"))).count();
            summaries.add(new WanSummary(((Number)group.get(0).details().get(LOSS_KEY)).doubleValue(),
                group.get(0).name(), group.size(), rate.median(), rate.min(), rate.max(), verified, capped));
        }
        return summaries;
    }

    /**
     * The median in Mbit/s.
     *
     * @return megabits per second.
     */
    public double medianMbit()
    {
        return median * 8 / 1e6;
    }

    /**
     * A loss percentage as the reports print it: {@code 0}, {@code 0.5}, {@code 2}.
     *
     * @param percent the loss.
     * @return text without a needless fraction.
     */
    public static String percentText(final double percent)
    {
        return percent == Math.rint(percent) ? Long.toString((long)percent) : Double.toString(percent);
    }
}
