package io.ferry.perf;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the 'wan' section of docs/performance.md: machine, command, the lab's self-check figures, the chart, medians
 * with min–max per tool and scenario, and the targets of issue 6 scenario 3.
 */
public final class WanMarkdown
{
    private static final Set<String> LONG_SETTINGS = Set.of("lab self-checks", "delay element", "summary", "failures");

    private WanMarkdown()
    {
    }

    /**
     * The section.
     *
     * @param report     the run's report (machine, settings, results, targets).
     * @param summaries  medians per scenario and tool.
     * @param checks     lab self-check figures by scenario.
     * @param delayStats the delay element's figures at the end, or null.
     * @param failures   runs that failed, with the reason.
     * @param chartFile  the chart's file name beside the document.
     * @return markdown.
     */
    public static String section(
        final ResultsReport report,
        final List<WanSummary> summaries,
        final Map<String, Object> checks,
        final Object delayStats,
        final Map<String, String> failures,
        final String chartFile)
    {
        final StringBuilder md = new StringBuilder();
        md.append("### WAN matrix run of ").append(report.startedAt()).append("\n\n");
        md.append("Machine: ").append(report.machine().oneLine()).append(".\n\n");
        for (final Map.Entry<String, Object> setting : report.settings().entrySet())
        {
            if (!LONG_SETTINGS.contains(setting.getKey()))
            {
                md.append("- ").append(setting.getKey()).append(": `").append(setting.getValue()).append("`\n");
            }
        }
        md.append("\nLab self-check before each scenario (ping RTT; loss from a UDP count in the hubs' kernels, " +
            "25,000 datagrams each way; iperf3 TCP with the loss set to 0):\n\n");
        md.append("| loss set | RTT avg (set) | RTT max | loss a→b | loss b→a | TCP at 0 % loss | within tolerance |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---|\n");
        for (final Map.Entry<String, Object> check : checks.entrySet())
        {
            final JsonNode f = (JsonNode)check.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %.2f ms (%.1f) | %.2f ms | %.2f %% | %.2f %% | %.1f Mbit/s " +
                "(%.1f %% of the rate) | %s |%n", check.getKey(), f.path("rtt_avg_ms").asDouble(),
                f.path("rtt_set_ms").asDouble(), f.path("rtt_max_ms").asDouble(),
                f.path("loss_a_to_b_percent").asDouble(), f.path("loss_b_to_a_percent").asDouble(),
                f.path("tcp_bps").asDouble() / 1e6, 100 * f.path("tcp_ratio").asDouble(),
                f.path("ok").asBoolean() ? "yes" : "NO"));
        }
        if (delayStats instanceof JsonNode d)
        {
            md.append(String.format(Locale.ROOT, "%nDelay element over the whole run: %d packets in %d batch " +
                "verdicts; release later than due by p50 %d µs, p99 %d µs, p99.9 %d µs, max %.0f µs; peak %d " +
                "packets held.%n", d.path("packets").asLong(), d.path("batches").asLong(),
                d.path("late_p50_us").asLong(), d.path("late_p99_us").asLong(), d.path("late_p999_us").asLong(),
                d.path("late_max_us").asDouble(), d.path("peak_depth").asLong()));
        }
        md.append("\n![throughput per tool and loss](").append(chartFile).append(")\n\n");
        md.append("| loss | tool | runs | median | min–max | verified | stopped at cap |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|\n");
        for (final WanSummary s : summaries)
        {
            md.append(String.format(Locale.ROOT, "| %s %% | %s | %d | %.1f Mbit/s | %.1f–%.1f | %d | %d |%n",
                WanSummary.percentText(s.lossPercent()), s.tool(), s.runs(), s.medianMbit(), s.min() * 8 / 1e6,
                s.max() * 8 / 1e6, s.verified(), s.capped()));
        }
        md.append("\n| target (issue 6, scenario 3) | measured | wanted | verdict |\n|---|---:|---|---|\n");
        for (final Target target : report.targets())
        {
            md.append("| ").append(target.what()).append(" | ")
                .append(Double.isNaN(target.value()) ? "-" : String.format(Locale.ROOT, "%.3f", target.value()))
                .append(" | ").append(target.wanted()).append(" | ").append(target.verdict())
                .append(target.note().isEmpty() ? "" : " (" + target.note() + ")").append(" |\n");
        }
        if (!failures.isEmpty())
        {
            md.append("\nFailed runs:\n\n");
            for (final Map.Entry<String, String> failure : failures.entrySet())
            {
                md.append("- ").append(failure.getKey()).append(": `")
                    .append(failure.getValue().replace('\n', ' ').replace('`', '\'')).append("`\n");
            }
        }
        return md.toString();
    }
}
