package io.ferry.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * Runs Aeron's {@code EmbeddedExclusiveThroughput} sample in a child JVM with ferry's driver settings (SHARED
 * threading, backoff idle) and link settings, reads its once-a-second rates and stops it.
 */
public final class AeronSampleRun
{
    /** Main class of the sample. */
    public static final String MAIN_CLASS = "io.aeron.samples.EmbeddedExclusiveThroughput";
    /** Leading intervals left out as start-up. */
    public static final int SKIPPED_INTERVALS = 2;

    private AeronSampleRun()
    {
    }

    /**
     * Run the sample.
     *
     * @param aeronAllJar  jar holding the sample and its dependencies.
     * @param aeronDir     Aeron directory of the sample's driver.
     * @param mtu          MTU of the driver and the channel.
     * @param channel      the sample's channel.
     * @param idleStrategy class name of the idle strategy of the sample's publisher and subscriber loops.
     * @param intervals    intervals to measure after the skipped ones (about one per second).
     * @param log          where the sample's output is copied.
     * @return the measurement.
     * @throws IOException if the JVM cannot be started or stops early.
     */
    public static RunResult run(
        final Path aeronAllJar,
        final Path aeronDir,
        final int mtu,
        final String channel,
        final String idleStrategy,
        final int intervals,
        final Path log) throws IOException
    {
        final int messageLength = mtu - 32;
        final List<String> sampleArgs = List.of(
            "-Daeron.dir=" + aeronDir,
            "-Daeron.dir.delete.on.start=true",
            "-Daeron.dir.delete.on.shutdown=true",
            "-Daeron.threading.mode=SHARED",
            "-Daeron.shared.idle.strategy=backoff",
            "-Daeron.mtu.length=" + mtu,
            "-Daeron.sample.channel=" + channel,
            "-Daeron.sample.messageLength=" + messageLength,
            "-Daeron.sample.messages=" + Long.MAX_VALUE / 2,
            "-Daeron.sample.idleStrategy=" + idleStrategy,
            "-cp", aeronAllJar.toString(), MAIN_CLASS);
        final List<String> command = ChildJvm.command();
        command.addAll(sampleArgs);
        final Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
        final List<Double> rates = new ArrayList<>();
        ThreadCpu cpuBefore = null;
        ThreadCpu cpuAfter = null;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8)))
        {
            copy.println(String.join(" ", command));
            String line;
            while (rates.size() < SKIPPED_INTERVALS + intervals && null != (line = reader.readLine()))
            {
                copy.println(line);
                final OptionalDouble rate = SampleOutput.bytesPerSecond(line);
                if (rate.isPresent())
                {
                    rates.add(rate.getAsDouble());
                    if (rates.size() == SKIPPED_INTERVALS)
                    {
                        cpuBefore = ThreadCpu.snapshot(process.pid());
                    }
                }
            }
            cpuAfter = ThreadCpu.snapshot(process.pid());
        }
        finally
        {
            stop(process);
            Trees.delete(aeronDir);
        }
        if (rates.size() < SKIPPED_INTERVALS + intervals)
        {
            throw new IOException("Aeron sample stopped after " + rates.size() + " intervals; see " + log);
        }
        final double median = SampleOutput.medianAfter(rates, SKIPPED_INTERVALS);
        final Map<String, Double> cpu = cpuAfter.since(cpuBefore, 4);
        double measuredBytes = 0;
        for (int i = SKIPPED_INTERVALS; i < rates.size(); i++)
        {
            measuredBytes += rates.get(i);
        }
        return new RunResult("aeron-" + mtu, "Aeron " + MAIN_CLASS.substring(MAIN_CLASS.lastIndexOf('.') + 1) +
            ", message " + messageLength + " B, median of " + intervals + " 1-s intervals", 0, 0, median, null)
            .with("intervals_bytes_per_second", rates)
            .with("channel", channel)
            .with("idle_strategy", idleStrategy)
            .with("cpu_seconds_by_thread", cpu)
            .with("cpu_seconds_per_gib", cpu.get("total") / (measuredBytes / (1L << 30)))
            .with("command", "java <ferry JVM flags> " + ChildJvm.HEAP + " " + String.join(" ", sampleArgs));
    }

    private static void stop(final Process process)
    {
        process.destroy();
        try
        {
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
