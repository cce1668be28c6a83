package io.ferry.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Aeron's {@code EmbeddedPingPong} sample in a child JVM with ferry's JVM flags, at MTU 8192, with exclusive
 * publications (as ferry's links) and backoff idling in its ping and pong loops, and reads the round-trip histogram
 * it prints. The sample's driver settings are set in its code, not read from properties: DEDICATED threading with
 * sender and receiver that never idle (see {@link FerryPingPong#sampleDriver}).
 */
public final class PingPongSampleRun
{
    /** Main class of the sample. */
    public static final String MAIN_CLASS = "io.aeron.samples.EmbeddedPingPong";

    private PingPongSampleRun()
    {
    }

    /**
     * Run the sample once: one warm-up pass, then the measured round trips.
     *
     * @param aeronAllJar   jar holding the sample and its dependencies.
     * @param aeronDir      Aeron directory of the sample's driver.
     * @param messageLength bytes of each ping and pong.
     * @param warmup        round trips before the measured ones.
     * @param roundTrips    measured round trips.
     * @param idleStrategy  class name of the idle strategy of the sample's ping and pong loops.
     * @param log           where the sample's output is copied.
     * @return the measurement.
     * @throws IOException if the JVM cannot be started, fails or prints no histogram.
     */
    public static RunResult run(
        final Path aeronAllJar,
        final Path aeronDir,
        final int messageLength,
        final long warmup,
        final long roundTrips,
        final String idleStrategy,
        final Path log) throws IOException
    {
        final List<String> sampleArgs = List.of(
            "-Daeron.dir=" + aeronDir,
            "-Daeron.dir.delete.on.start=true",
            "-Daeron.dir.delete.on.shutdown=true",
            "-Daeron.mtu.length=" + FerryPingPong.MTU,
            "-Daeron.sample.ping.channel=aeron:udp?endpoint=127.0.0.1:" + FreePorts.udp() + "|mtu=" + FerryPingPong.MTU,
            "-Daeron.sample.pong.channel=aeron:udp?endpoint=127.0.0.1:" + FreePorts.udp() + "|mtu=" + FerryPingPong.MTU,
            "-Daeron.sample.exclusive.publications=true",
            "-Daeron.sample.messageLength=" + messageLength,
            "-Daeron.sample.messages=" + roundTrips,
            "-Daeron.sample.warmup.iterations=1",
            "-Daeron.sample.warmup.messages=" + warmup,
            "-Daeron.sample.idleStrategy=" + idleStrategy,
            "-cp", aeronAllJar.toString(), MAIN_CLASS);
        final List<String> command = ChildJvm.command();
        command.addAll(sampleArgs);
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final List<String> distribution = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8)))
        {
            // The sample asks "Execute again?" after the histogram: answer no up front.
            try (OutputStream stdin = process.getOutputStream())
            {
                stdin.write("n\n".getBytes(StandardCharsets.US_ASCII));
            }
            copy.println(String.join(" ", command));
            boolean inHistogram = false;
            String line;
            while (null != (line = reader.readLine()))
            {
                copy.println(line);
                if (line.startsWith(LatencySummary.SAMPLE_HEADING))
                {
                    inHistogram = true;
                }
                else if (inHistogram)
                {
                    distribution.add(line);
                    inHistogram = !line.startsWith("#[Buckets");
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while waiting for " + MAIN_CLASS, ex);
        }
        finally
        {
            Trees.delete(aeronDir);
        }
        final LatencySummary summary;
        try
        {
            summary = LatencySummary.parse(distribution);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IOException(MAIN_CLASS + " printed no histogram; see " + log, ex);
        }
        return new RunResult("aeron", "Aeron " + MAIN_CLASS.substring(MAIN_CLASS.lastIndexOf('.') + 1) +
            ", message " + messageLength + " B, MTU " + FerryPingPong.MTU + ", its own driver (DEDICATED, " +
            "sender/receiver no-op idle)", 0, 0, 0, null)
            .with("latency", summary)
            .with("payload_length", messageLength)
            .with("warmup_round_trips", warmup)
            .with("idle_strategy", idleStrategy + " (ping and pong loops)")
            .with("command", "java <ferry JVM flags> " + ChildJvm.HEAP + " " + String.join(" ", sampleArgs));
    }
}
