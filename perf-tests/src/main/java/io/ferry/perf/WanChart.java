package io.ferry.perf;

import java.util.List;
import java.util.Locale;

/**
 * Draws the WAN matrix as a grouped bar chart in plain SVG text: one group per loss, one bar per tool at its median
 * rate with a min–max whisker, and the link rate as a dashed line.
 */
public final class WanChart
{
    private static final String[] COLOURS = { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b" };
    private static final int WIDTH = 860;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

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
        final double top = niceCeiling(Math.max(rateBps / 1e6 * 1.05,
            summaries.stream().mapToDouble(s -> s.max() * 8 / 1e6).max().orElse(0)));
        final int plotWidth = WIDTH - LEFT - RIGHT;
        final int plotHeight = HEIGHT - TOP - BOTTOM;
        final double groupWidth = (double)plotWidth / Math.max(1, losses.size());
        final double barWidth = groupWidth * 0.8 / Math.max(1, tools.size());
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
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n",
                LEFT - 6, y + 4, step * i));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" " +
            "text-anchor=\"middle\">Mbit/s (median, min-max)</text>%n", TOP + plotHeight / 2, TOP + plotHeight / 2));
        for (int g = 0; g < losses.size(); g++)
        {
            final double loss = losses.get(g);
            final double x0 = LEFT + g * groupWidth + groupWidth * 0.1;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s %% loss" +
                "</text>%n", LEFT + g * groupWidth + groupWidth / 2, HEIGHT - BOTTOM + 20, WanSummary.percentText(loss)));
            for (int t = 0; t < tools.size(); t++)
            {
                final String tool = tools.get(t);
                final WanSummary summary = summaries.stream()
                    .filter(s -> s.tool().equals(tool) && s.lossPercent() == loss).findFirst().orElse(null);
                if (null == summary)
                {
                    continue;
                }
                final double x = x0 + t * barWidth;
                final double h = plotHeight * summary.medianMbit() / top;
                final String colour = COLOURS[t % COLOURS.length];
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" " +
                    "fill=\"%s\"><title>%s at %s %% loss: %.1f Mbit/s</title></rect>%n", x, TOP + plotHeight - h,
                    barWidth * 0.9, h, colour, escape(tool), WanSummary.percentText(loss), summary.medianMbit()));
                final double yMin = TOP + plotHeight - plotHeight * summary.min() * 8 / 1e6 / top;
                final double yMax = TOP + plotHeight - plotHeight * summary.max() * 8 / 1e6 / top;
                final double xc = x + barWidth * 0.45;
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" " +
                    "stroke=\"black\"/>%n", xc, yMin, xc, yMax));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" " +
                    "font-size=\"10\">%.0f</text>%n", xc, Math.min(yMax, TOP + plotHeight - h) - 4,
                    summary.medianMbit()));
            }
        }
        final double yRate = TOP + plotHeight - plotHeight * rateBps / 1e6 / top;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\" " +
            "stroke-dasharray=\"6 4\"/>%n", LEFT, yRate, LEFT + plotWidth, yRate));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\">link %.0f Mbit/s</text>%n",
            LEFT + plotWidth + 6, yRate + 4, rateBps / 1e6));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
            LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight));
        for (int t = 0; t < tools.size(); t++)
        {
            final int y = TOP + 40 + t * 20;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" " +
                "fill=\"%s\"/>%n", LEFT + plotWidth + 6, y - 10, COLOURS[t % COLOURS.length]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotWidth + 24, y,
                escape(tools.get(t))));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double niceCeiling(final double value)
    {
        final double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1))));
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
