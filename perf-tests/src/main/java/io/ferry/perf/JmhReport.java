package io.ferry.perf;

import io.ferry.transport.DataPublisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeron.protocol.DataHeaderFlyweight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Turns the JSON results of {@link SendPathBenchmark} run with {@code -prof gc} into the 'send-path' section of
 * docs/performance.md.
 */
public final class JmhReport
{
    private JmhReport()
    {
    }

    /**
     * Write the section.
     *
     * @param args the JMH JSON result file, the document, and the command that ran JMH.
     * @throws IOException on a read or write failure.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length != 3)
        {
            System.err.println("usage: JmhReport JMH_JSON DOC COMMAND");
            System.exit(2);
        }
        final String markdown = markdown(new ObjectMapper().readTree(Files.readString(Path.of(args[0]))), args[2]);
        PerformanceDoc.writeSection(Path.of(args[1]), "send-path", markdown);
        System.out.println(markdown);
    }

    /**
     * The section for a JMH result document.
     *
     * @param results JMH's JSON results.
     * @param command the command that produced them.
     * @return markdown.
     */
    public static String markdown(final JsonNode results, final String command)
    {
        final StringBuilder md = new StringBuilder();
        md.append("### SendPathBenchmark run of ").append(Instant.now()).append("\n\n");
        md.append("Machine: ").append(MachineInfo.read().oneLine()).append(String.format(Locale.ROOT,
            "; 1-min load average when the run ended: %.2f.%n%n", MachineInfo.loadAverage()));
        md.append("Command: `").append(command).append("`\n\n");
        md.append("| benchmark | MTU | payload B | ops/s | ± (99.9 %) | payload MB/s | gc.alloc.rate.norm B/op | ± | " +
            "gc.count |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final JsonNode result : results)
        {
            final String benchmark = result.path("benchmark").asText();
            final int mtu = result.path("params").path("mtu").asInt();
            final int payload = mtu - DataHeaderFlyweight.HEADER_LENGTH - DataPublisher.FRAME_OVERHEAD;
            final JsonNode primary = result.path("primaryMetric");
            final JsonNode alloc = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
            final JsonNode gcCount = result.path("secondaryMetrics").path("gc.count");
            final double ops = primary.path("score").asDouble();
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.0f | %.0f | %.3f | %.3f | %.0f |%n",
                benchmark.substring(benchmark.lastIndexOf('.') + 1), mtu, payload, ops,
                primary.path("scoreError").asDouble(), ops * payload / 1e6, alloc.path("score").asDouble(),
                alloc.path("scoreError").asDouble(), gcCount.path("score").asDouble()));
        }
        return md.toString();
    }
}
