package io.ferry.perf;

import java.util.List;
import java.util.Locale;

/**
 * Draws a grouped bar chart in plain SVG text: one group per scenario, one coloured bar per series at its median with a
 * min–max whisker and a label, a legend, and optionally a dashed reference line (a link rate, a baseline).
 */
public final class BarChart
{
    private static final String[] COLOURS = { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b" };
    private static final int WIDTH = 860;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private BarChart()
    {
    }

    /**
     * The chart.
     *
     * @param title          title line.
     * @param axisLabel      label of the vertical axis, with the unit.
     * @param groups         groups in order, as labelled under the axis.
     * @param series         series in order, as the legend lists them.
     * @param bars           bars present; a group without a bar for a series leaves a gap.
     * @param referenceValue height of the dashed reference line, or NaN for none.
     * @param referenceLabel text beside the reference line.
     * @return the SVG document.
     */
    public static String svg(
        final String title,
        final String axisLabel,
        final List<String> groups,
        final List<String> series,
        final List<ChartBar> bars,
        final double referenceValue,
        final String referenceLabel)
    {
        final boolean reference = !Double.isNaN(referenceValue);
        final double top = niceCeiling(Math.max(reference ? referenceValue * 1.05 : 0,
            bars.stream().mapToDouble(b -> Math.max(b.spread().max(), b.spread().median())).max().orElse(0)));
        final int plotWidth = WIDTH - LEFT - RIGHT;
        final int plotHeight = HEIGHT - TOP - BOTTOM;
        final double groupWidth = (double)plotWidth / Math.max(1, groups.size());
        final double barWidth = groupWidth * 0.8 / Math.max(1, series.size());
        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" " +
            "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>%n", LEFT,
            escape(title)));
        final double step = top / 5;
        for (int i = 0; i <= 5; i++)
        {
            final double y = TOP + plotHeight - plotHeight * i / 5.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" " +
                "stroke=\"#ddd\"/>%n", LEFT, y, LEFT + plotWidth, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                LEFT - 6, y + 4, tick(step * i, step)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" " +
            "text-anchor=\"middle\">%s</text>%n", TOP + plotHeight / 2, TOP + plotHeight / 2, escape(axisLabel)));
        for (int g = 0; g < groups.size(); g++)
        {
            final String group = groups.get(g);
            final double x0 = LEFT + g * groupWidth + groupWidth * 0.1;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + g * groupWidth + groupWidth / 2, HEIGHT - BOTTOM + 20, escape(group)));
            for (int s = 0; s < series.size(); s++)
            {
                final String name = series.get(s);
                final ChartBar bar = bars.stream()
                    .filter(b -> b.group().equals(group) && b.series().equals(name)).findFirst().orElse(null);
                if (null == bar)
                {
                    continue;
                }
                final double x = x0 + s * barWidth;
                final double h = plotHeight * bar.spread().median() / top;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" " +
                    "fill=\"%s\"><title>%s</title></rect>%n", x, TOP + plotHeight - h, barWidth * 0.9, h,
                    COLOURS[s % COLOURS.length], escape(bar.tooltip())));
                final double yMin = TOP + plotHeight - plotHeight * bar.spread().min() / top;
                final double yMax = TOP + plotHeight - plotHeight * bar.spread().max() / top;
                final double xc = x + barWidth * 0.45;
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" " +
                    "stroke=\"black\"/>%n", xc, yMin, xc, yMax));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" " +
                    "font-size=\"10\">%s</text>%n", xc, Math.min(yMax, TOP + plotHeight - h) - 4,
                    escape(bar.label())));
            }
        }
        if (reference)
        {
            final double yRef = TOP + plotHeight - plotHeight * referenceValue / top;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" " +
                "stroke=\"black\" stroke-dasharray=\"6 4\"/>%n", LEFT, yRef, LEFT + plotWidth, yRef));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\">%s</text>%n", LEFT + plotWidth + 6,
                yRef + 4, escape(referenceLabel)));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
            LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight));
        for (int s = 0; s < series.size(); s++)
        {
            final int y = TOP + 40 + s * 20;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" " +
                "fill=\"%s\"/>%n", LEFT + plotWidth + 6, y - 10, COLOURS[s % COLOURS.length]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotWidth + 24, y,
                escape(series.get(s))));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String tick(final double value, final double step)
    {
        return step >= 1 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2g", value);
    }

    private static double niceCeiling(final double value)
    {
        final double magnitude = Math.pow(10, Math.floor(Math.log10(value > 0 ? value : 1)));
        for (final double factor : new double[] { 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 })
        {
            if (factor * magnitude >= value)
            {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
