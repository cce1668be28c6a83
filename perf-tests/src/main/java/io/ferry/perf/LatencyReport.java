package io.ferry.perf;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a latency run's results and its targets into a console table, a JSON document and a markdown section.
 *
 * @param startedAt when the run started.
 * @param machine   the machine.
 * @param settings  the run's settings, in order.
 * @param results   measured runs in order; each has a {@link LatencySummary} under {@code latency}.
 * @param targets   the comparisons: issue 6's acceptance target first.
 */
public record LatencyReport(
    Instant startedAt, MachineInfo machine, Map<String, Object> settings, List<RunResult> results, List<Target> targets)
{
    /**
     * Print the results and the target as fixed-width tables.
     *
     * @param out where to print.
     */
    public void print(final PrintStream out)
    {
        out.println();
        out.printf("%-14s %10s %10s %10s %10s %10s %10s%n", "run", "round trips", "p50 us", "p99 us", "p99.9 us",
            "max us", "mean us");
        for (final RunResult result : results)
        {
            final LatencySummary latency = latency(result);
            out.printf(Locale.ROOT, "%-14s %10d %10.2f %10.2f %10.2f %10.2f %10.2f%n", result.name(), latency.count(),
                latency.p50Us(), latency.p99Us(), latency.p999Us(), latency.maxUs(), latency.meanUs());
        }
        out.println();
        for (final Target target : targets)
        {
            out.printf(Locale.ROOT, "%s: %s, wanted %s: %s%s%n", target.what(), figure(target), target.wanted(),
                target.verdict(), target.note().isEmpty() ? "" : " (" + target.note() + ")");
        }
    }

    /**
     * Write the JSON document, laid out as the other harnesses' ({@link ResultsReport#writeJson}).
     *
     * @param file where to write.
     * @throws IOException on a write failure.
     */
    public void writeJson(final Path file) throws IOException
    {
        new ResultsReport(startedAt, machine, settings, results, targets).writeJson(file);
    }

    /**
     * The markdown section for docs/performance.md.
     *
     * @return markdown.
     */
    public String markdown()
    {
        final StringBuilder md = new StringBuilder();
        md.append("### Latency run of ").append(startedAt).append("\n\n");
        md.append("Machine: ").append(machine.oneLine()).append(".\n\n");
        for (final Map.Entry<String, Object> setting : settings.entrySet())
        {
            md.append("- ").append(setting.getKey()).append(": `").append(setting.getValue()).append("`\n");
        }
        md.append("\n| run | what | round trips | p50 µs | p99 µs | p99.9 µs | max µs | mean µs |\n")
            .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (final RunResult result : results)
        {
            final LatencySummary latency = latency(result);
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                result.name(), result.description(), latency.count(), latency.p50Us(), latency.p99Us(),
                latency.p999Us(), latency.maxUs(), latency.meanUs()));
        }
        md.append("\n| target | measured | wanted | verdict |\n|---|---:|---|---|\n");
        for (final Target target : targets)
        {
            md.append("| ").append(target.what()).append(" | ").append(figure(target)).append(" | ")
                .append(target.wanted()).append(" | ").append(target.verdict())
                .append(target.note().isEmpty() ? "" : " (" + target.note() + ")").append(" |\n");
        }
        md.append("\nDetails per run:\n\n");
        for (final RunResult result : results)
        {
            md.append("- **").append(result.name()).append("**: ").append(String.join("; ",
                result.details().entrySet().stream().filter(e -> !"latency".equals(e.getKey()))
                    .map(e -> e.getKey() + " = " + detailText(e.getValue())).toList())).append("\n");
        }
        return md.toString();
    }

    private static LatencySummary latency(final RunResult result)
    {
        return (LatencySummary)result.details().get("latency");
    }

    private static String detailText(final Object value)
    {
        return value instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : "`" + value + "`";
    }

    private static String figure(final Target target)
    {
        return Double.isNaN(target.value()) ? "-" : String.format(Locale.ROOT, "%.3f", target.value());
    }
}
