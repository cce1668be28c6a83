package io.ferry.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the WAN matrix as a {@link BarChart}: one group per loss, one bar per tool at its median rate in Mbit/s with a
 * min–max whisker, and the link rate as the dashed reference line.
 */
public final class WanChart
{
    private WanChart()
    {
    }

    /**
     * The chart.
     *
     * @param title     title line.
     * @param summaries medians per scenario and tool.
     * @param losses    scenarios in order, percent.
     * @param tools     tools in order.
     * @param rateBps   link rate, bits per second.
     * @return the SVG document.
     */
    public static String svg(
        final String title,
        final List<WanSummary> summaries,
        final List<Double> losses,
        final List<String> tools,
        final long rateBps)
    {
        final List<String> groups = new ArrayList<>();
        for (final double loss : losses)
        {
            groups.add(WanSummary.percentText(loss) + " % loss");
        }
        final List<ChartBar> bars = new ArrayList<>();
        for (final WanSummary s : summaries)
        {
            bars.add(new ChartBar(WanSummary.percentText(s.lossPercent()) + " % loss", s.tool(),
                new Spread(s.median(), s.min(), s.max()).times(8 / 1e6),
                String.format(Locale.ROOT, "%.0f", s.medianMbit()),
                String.format(Locale.ROOT, "%s at %s %% loss: %.1f Mbit/s", s.tool(),
                    WanSummary.percentText(s.lossPercent()), s.medianMbit())));
        }
        return BarChart.svg(title, "Mbit/s (median, min-max)", groups, tools, bars, rateBps / 1e6,
            String.format(Locale.ROOT, "link %.0f Mbit/s", rateBps / 1e6));
    }
}
