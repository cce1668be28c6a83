package io.ferry.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a run's results and targets into a console table, a JSON document and a markdown section.
 *
 * @param startedAt when the run started.
 * @param machine   the machine.
 * @param settings  the run's settings (seed, sizes, command), in order.
 * @param results   measured runs in order.
 * @param targets   acceptance targets in order.
 */
public record ResultsReport(
    Instant startedAt, MachineInfo machine, Map<String, Object> settings, List<RunResult> results, List<Target> targets)
{
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Print the results and targets as fixed-width tables.
     *
     * @param out where to print.
     */
    public void print(final PrintStream out)
    {
        out.println();
        out.printf("%-16s %12s %9s %14s %10s  %s%n", "run", "bytes", "seconds", "rate", "verified", "what");
        for (final RunResult result : results)
        {
            out.printf("%-16s %12s %9s %14s %10s  %s%n", result.name(), bytesText(result), secondsText(result),
                rate(result.bytesPerSecond()), verifiedText(result), result.description());
        }
        out.println();
        for (final Target target : targets)
        {
            out.printf("%-44s %10s  wanted %-8s %s%s%n", target.what(), figure(target), target.wanted(),
                target.verdict(), target.note().isEmpty() ? "" : " (" + target.note() + ")");
        }
    }

    /**
     * Write the JSON document.
     *
     * @param file where to write.
     * @throws IOException on a write failure.
     */
    public void writeJson(final Path file) throws IOException
    {
        final ObjectNode root = JSON.createObjectNode();
        root.put("started_at", startedAt.toString());
        root.set("machine", JSON.valueToTree(machine));
        root.set("settings", JSON.valueToTree(settings));
        final ArrayNode runs = root.putArray("results");
        for (final RunResult result : results)
        {
            final ObjectNode node = runs.addObject();
            node.put("name", result.name());
            node.put("description", result.description());
            node.put("bytes", result.bytes());
            node.put("seconds", result.seconds());
            node.put("bytes_per_second", result.bytesPerSecond());
            node.set("verified", JSON.valueToTree(result.verified()));
            node.set("details", JSON.valueToTree(result.details()));
        }
        root.set("targets", JSON.valueToTree(targets));
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), root);
    }

    /**
     * The markdown section for docs/performance.md.
     *
     * @return markdown.
     */
    public String markdown()
    {
        final StringBuilder md = new StringBuilder();
        md.append("### Throughput harness run of ").append(startedAt).append("\n\n");
        md.append("Machine: ").append(machine.oneLine()).append(".\n\n");
        for (final Map.Entry<String, Object> setting : settings.entrySet())
        {
            md.append("- ").append(setting.getKey()).append(": `").append(setting.getValue()).append("`\n");
        }
        md.append("\n| run | what | bytes | seconds | rate | verified |\n|---|---|---:|---:|---:|---|\n");
        for (final RunResult result : results)
        {
            md.append("| ").append(result.name()).append(" | ").append(result.description()).append(" | ")
                .append(bytesText(result)).append(" | ").append(secondsText(result)).append(" | ")
                .append(rate(result.bytesPerSecond())).append(" | ").append(verifiedText(result)).append(" |\n");
        }
        md.append("\n| target | measured | wanted | verdict |\n|---|---:|---|---|\n");
        for (final Target target : targets)
        {
            md.append("| ").append(target.what()).append(" | ").append(figure(target)).append(" | ")
                .append(target.wanted()).append(" | ").append(target.verdict())
                .append(target.note().isEmpty() ? "" : " (" + target.note() + ")").append(" |\n");
        }
        md.append("\nDetails per run (phases are seconds from submit to the first poll that saw each state):\n\n");
        for (final RunResult result : results)
        {
            md.append("- **").append(result.name()).append("**: ");
            md.append(String.join("; ", result.details().entrySet().stream()
                .map(e -> e.getKey() + " = " + detailText(e.getValue())).toList()));
            md.append("\n");
        }
        return md.toString();
    }

    private static String detailText(final Object value)
    {
        if (value instanceof Double d)
        {
            return String.format(Locale.ROOT, "%.4g", d);
        }
        if (value instanceof Map<?, ?> map)
        {
            return map.entrySet().stream().map(e -> e.getKey() + " " + detailText(e.getValue())).toList().toString();
        }
        if (value instanceof List<?> list)
        {
            return list.stream().map(ResultsReport::detailText).toList().toString();
        }
        return "`" + value + "`";
    }

    private static String figure(final Target target)
    {
        return Double.isNaN(target.value()) ? "-" : String.format(Locale.ROOT, "%.3f", target.value());
    }

    private static String bytesText(final RunResult result)
    {
        return result.bytes() == 0 ? "-" : Long.toString(result.bytes());
    }

    private static String secondsText(final RunResult result)
    {
        return result.seconds() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", result.seconds());
    }

    private static String verifiedText(final RunResult result)
    {
        return null == result.verified() ? "-" : result.verified() ? "SHA-256 ok" : "MISMATCH";
    }

    /**
     * A rate in decimal units, bytes and bits.
     *
     * @param bytesPerSecond the rate.
     * @return e.g. {@code 652.1 MB/s (5.22 Gbit/s)}.
     */
    public static String rate(final double bytesPerSecond)
    {
        return String.format(Locale.ROOT, "%.1f MB/s (%.2f Gbit/s)", bytesPerSecond / 1e6, bytesPerSecond * 8 / 1e9);
    }
}
