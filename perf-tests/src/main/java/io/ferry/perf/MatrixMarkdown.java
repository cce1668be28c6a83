package io.ferry.perf;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the 'matrix' section of docs/performance.md: machine, commands and settings, the chart, per scenario and
 * tool the medians with min–max of the rate, files per second and CPU seconds per GiB, and the targets of issue 6's
 * loopback scenarios with their verdicts.
 */
public final class MatrixMarkdown
{
    private static final Set<String> LONG_SETTINGS = Set.of("summary", "failures", "not measured");

    private MatrixMarkdown()
    {
    }

    /**
     * The section.
     *
     * @param report      the run's report (machine, settings, results, targets).
     * @param summaries   medians per scenario and tool.
     * @param notMeasured tools left out, with the reason.
     * @param failures    runs that failed, with the reason.
     * @param chartFile   the chart's file name beside the document.
     * @return markdown.
     */
    public static String section(
        final ResultsReport report,
        final List<MatrixSummary> summaries,
        final Map<String, String> notMeasured,
        final Map<String, String> failures,
        final String chartFile)
    {
        final StringBuilder md = new StringBuilder();
        md.append("### Loopback matrix run of ").append(report.startedAt()).append("\n\n");
        md.append("Machine: ").append(report.machine().oneLine()).append(".\n\n");
        for (final Map.Entry<String, Object> setting : report.settings().entrySet())
        {
            if (!LONG_SETTINGS.contains(setting.getKey()))
            {
                md.append("- ").append(setting.getKey()).append(": `").append(setting.getValue()).append("`\n");
            }
        }
        md.append("\n![loopback matrix: rate, files per second and CPU per GiB per tool](").append(chartFile)
            .append(")\n\n");
        md.append("| scenario | tool | runs | rate median (min–max) | files/s median (min–max) | " +
            "CPU s per GiB, both ends, median (min–max) | verified | stopped at cap |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (final MatrixSummary s : summaries)
        {
            final boolean ceiling = LoopbackCeilings.AERON.equals(s.tool()) || LoopbackCeilings.IPERF.equals(s.tool());
            md.append(String.format(Locale.ROOT,
                "| %s | %s | %d | %s (%s–%s) | %s | %s | %s | %d |%n",
                s.scenario(), s.tool() + (ceiling ? " (ceiling)" : ""), s.runs(),
                MatrixChart.rateText(s.rate().median()), MatrixChart.rateText(s.rate().min()),
                MatrixChart.rateText(s.rate().max()), ceiling ? "–" : String.format(Locale.ROOT, "%.0f (%.0f–%.0f)",
                s.filesPerSecond().median(), s.filesPerSecond().min(), s.filesPerSecond().max()), cpuText(s),
                ceiling ? "–" : Integer.toString(s.verified()), s.capped()));
        }
        md.append("\n| target (issue 6, loopback) | measured | wanted | verdict |\n|---|---:|---|---|\n");
        for (final Target target : report.targets())
        {
            md.append("| ").append(target.what()).append(" | ")
                .append(Double.isNaN(target.value()) ? "-" : String.format(Locale.ROOT, "%.3f", target.value()))
                .append(" | ").append(target.wanted()).append(" | ").append(target.verdict())
                .append(target.note().isEmpty() ? "" : " (" + target.note() + ")").append(" |\n");
        }
        appendList(md, "Tools not measured", notMeasured);
        appendList(md, "Failed runs", failures);
        return md.toString();
    }

    private static String cpuText(final MatrixSummary s)
    {
        final Spread cpu = s.cpuSecondsPerGib();
        if (null == cpu)
        {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)%s", cpu.median(), cpu.min(), cpu.max(),
            s.cpuRuns() < s.runs() ? " of " + s.cpuRuns() + " runs" : "");
    }

    private static void appendList(final StringBuilder md, final String title, final Map<String, String> entries)
    {
        if (entries.isEmpty())
        {
            return;
        }
        md.append("\n").append(title).append(":\n\n");
        for (final Map.Entry<String, String> entry : entries.entrySet())
        {
            md.append("- ").append(entry.getKey()).append(": `")
                .append(entry.getValue().replace('\n', ' ').replace('`', '\'')).append("`\n");
        }
    }
}
