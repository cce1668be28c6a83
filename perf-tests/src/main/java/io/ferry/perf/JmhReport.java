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
 * docs/performance.md, splitting each allocation figure into the sink's share ({@link DrainAllocation}) and the rest.
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
        md.append("| benchmark | MTU | encryption | payload B | ops/s | ± (99.9 %) | payload MB/s | " +
            "gc.alloc.rate.norm B/op | ± | of which draining the sink B/op | rest B/op | gc.count |\n" +
            "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final JsonNode result : results)
        {
            final String benchmark = result.path("benchmark").asText();
            final int mtu = result.path("params").path("mtu").asInt();
            final int payload = mtu - DataHeaderFlyweight.HEADER_LENGTH - DataPublisher.FRAME_OVERHEAD;
            final JsonNode primary = result.path("primaryMetric");
            final JsonNode secondary = result.path("secondaryMetrics");
            final double ops = primary.path("score").asDouble();
            final double alloc = secondary.path("gc.alloc.rate.norm").path("score").asDouble();
            final double drain = secondary.path("drainAllocatedBytes").path("score").asDouble() / ops;
            md.append(String.format(Locale.ROOT,
                "| %s | %d | %s | %d | %.0f | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %.0f |%n",
                benchmark.substring(benchmark.lastIndexOf('.') + 1), mtu,
                result.path("params").path("encryption").asText(), payload, ops,
                primary.path("scoreError").asDouble(), ops * payload / 1e6, alloc,
                secondary.path("gc.alloc.rate.norm").path("scoreError").asDouble(), drain, alloc - drain,
                secondary.path("gc.count").path("score").asDouble()));
        }
        md.append("\nDraining the sink (both transports' duty cycles, which open every frame) runs on the benchmark " +
            "thread, outside the timing of sendFrame; its allocation is measured with " +
            "`ThreadMXBean.getCurrentThreadAllocatedBytes` around each drain. The rest is the send path plus any " +
            "other thread's allocation (driver, Aeron clients, JMH), which `-prof gc` counts too.\n");
        return md.toString();
    }
}
