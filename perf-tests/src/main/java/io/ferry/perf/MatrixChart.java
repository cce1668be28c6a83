package io.ferry.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Draws the loopback matrix as three {@link BarChart}s stacked in one SVG document, each on its own scale: the bulk
 * tree's rate, the small files per second, and the CPU seconds per GiB of both ends in each scenario; one bar per tool
 * at its median with a min–max whisker.
 */
public final class MatrixChart
{
    private static final int PANEL_HEIGHT = 420;
    private static final int WIDTH = 860;

    private MatrixChart()
    {
    }

    /**
     * The chart.
     *
     * @param title     title line, put before each panel's own.
     * @param summaries medians per scenario and tool.
     * @param tools     tools in order.
     * @return the SVG document.
     */
    public static String svg(final String title, final List<MatrixSummary> summaries, final List<String> tools)
    {
        final List<String> panels = List.of(
            panel(title + ": bulk tree", "MB/s", summaries, tools, List.of(MatrixTargets.BULK),
                s -> s.rate().times(1e-6), v -> String.format(Locale.ROOT, "%.0f", v)),
            panel(title + ": small files", "files/s", summaries, tools,
                List.of(MatrixTargets.SMALL_FILES), MatrixSummary::filesPerSecond,
                v -> String.format(Locale.ROOT, "%.0f", v)),
            panel(title + ": CPU, both ends (lower is better)", "CPU s per GiB", summaries, tools,
                List.of(MatrixTargets.BULK, MatrixTargets.SMALL_FILES), MatrixSummary::cpuSecondsPerGib,
                v -> String.format(Locale.ROOT, "%.2f", v)));
        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" " +
            "viewBox=\"0 0 %d %d\">%n", WIDTH, PANEL_HEIGHT * panels.size(), WIDTH, PANEL_HEIGHT * panels.size()));
        for (int i = 0; i < panels.size(); i++)
        {
            svg.append(String.format(Locale.ROOT, "<g transform=\"translate(0 %d)\">%n", i * PANEL_HEIGHT))
                .append(panels.get(i)).append("</g>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /**
     * A rate as the matrix prints it.
     *
     * @param bytesPerSecond the rate.
     * @return e.g. {@code 512 MB/s} or {@code 1.25 GB/s}.
     */
    public static String rateText(final double bytesPerSecond)
    {
        return bytesPerSecond >= 1e9 ? String.format(Locale.ROOT, "%.2f GB/s", bytesPerSecond / 1e9) :
            String.format(Locale.ROOT, "%.0f MB/s", bytesPerSecond / 1e6);
    }

    private static String panel(
        final String title,
        final String unit,
        final List<MatrixSummary> summaries,
        final List<String> tools,
        final List<String> scenarios,
        final Function<MatrixSummary, Spread> figure,
        final Function<Double, String> text)
    {
        final List<ChartBar> bars = new ArrayList<>();
        for (final String scenario : scenarios)
        {
            for (final String tool : tools)
            {
                MatrixSummary.find(summaries, scenario, tool).filter(s -> null != figure.apply(s)).ifPresent(s ->
                {
                    final Spread spread = figure.apply(s);
                    bars.add(new ChartBar(scenario, tool, spread, text.apply(spread.median()),
                        tool + ", " + scenario + ": " + text.apply(spread.median()) + " " + unit));
                });
            }
        }
        return BarChart.svg(title, unit + " (median, min-max)", scenarios, tools, bars, Double.NaN, "");
    }
}
