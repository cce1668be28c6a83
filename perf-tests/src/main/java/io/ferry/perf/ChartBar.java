package io.ferry.perf;

/**
 * One bar of a {@link BarChart}: a series' median in a group with its min–max whisker, a label drawn over it and a
 * tooltip.
 *
 * @param group   the group it stands in, e.g. a scenario.
 * @param series  the series it belongs to, e.g. a tool; series keep their colour across groups.
 * @param spread  median (the bar's height) and min–max (the whisker), in the chart's unit.
 * @param label   short text over the bar, e.g. {@code 160} or {@code 1.9 GB/s}.
 * @param tooltip text of the bar's SVG title.
 */
public record ChartBar(String group, String series, Spread spread, String label, String tooltip)
{
}
