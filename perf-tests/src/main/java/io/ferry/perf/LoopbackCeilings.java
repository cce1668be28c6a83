package io.ferry.perf;

import io.ferry.transport.LinkTuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The two ceilings the loopback matrix shows next to the copies: raw Aeron (its {@code EmbeddedExclusiveThroughput}
 * sample on the channel settings ferry's loopback links get) and TCP ({@code iperf3}), both moving bytes from memory to
 * memory with no files, hashing or verification. Each result is shaped like a copy of the scenario's bytes so that the
 * matrix summarises it alike: bytes are what moved in the measured time, and the CPU time of both ends is recorded.
 */
public final class LoopbackCeilings
{
    /** Tool name of the raw Aeron ceiling. */
    public static final String AERON = "aeron";
    /** Tool name of the TCP ceiling. */
    public static final String IPERF = "iperf3";
    /** Idle strategy of the sample's publisher and subscriber loops, as ferry's agents. */
    public static final String SAMPLE_IDLE = "org.agrona.concurrent.BackoffIdleStrategy";

    private static final int SAMPLE_INTERVALS = 10;
    private static final int IPERF_SECONDS = 10;

    private LoopbackCeilings()
    {
    }

    /**
     * Run Aeron's throughput sample with ferry's loopback link settings at an MTU.
     *
     * @param aeronAllJar           jar with the sample.
     * @param dir                   work directory of this run.
     * @param mtu                   MTU of the driver and channel.
     * @param bandwidthBitsPerSecond the link bandwidth ferry is configured with, for the window.
     * @param rttNs                 the link round trip ferry is configured with, for the window.
     * @return the result, its CPU time of both ends (one JVM) under {@link ProcessCpu#BOTH_ENDS_KEY}.
     * @throws IOException if the sample cannot run.
     */
    public static RunResult aeron(
        final Path aeronAllJar, final Path dir, final int mtu, final long bandwidthBitsPerSecond, final long rttNs)
        throws IOException
    {
        if (!Files.isRegularFile(aeronAllJar))
        {
            throw new IOException(aeronAllJar + " is missing; build perf-tests first (see perf-tests/run.sh)");
        }
        final int window = LinkTuning.windowLength(
            LinkTuning.wantedWindowLength(bandwidthBitsPerSecond, rttNs), LinkTuning.socketReceiveBufferMax());
        final int socketBuffer = (int)Math.min(LinkTuning.socketReceiveBufferMax(), 2L * window);
        final String channel = "aeron:udp?endpoint=127.0.0.1:" + FreePorts.udp() + "|mtu=" + mtu +
            "|term-length=" + LinkTuning.termLength(window) + "|rcv-wnd=" + window + "|so-rcvbuf=" + socketBuffer +
            "|pub-wnd=" + window;
        final RunResult sample = AeronSampleRun.run(aeronAllJar, dir.resolve("aeron"), mtu, channel, SAMPLE_IDLE,
            SAMPLE_INTERVALS, dir.resolve("aeron-sample.log"));
        @SuppressWarnings("unchecked")
        final Map<String, Double> cpu = (Map<String, Double>)sample.details().get("cpu_seconds_by_thread");
        final double cpuPerGib = ((Number)sample.details().get("cpu_seconds_per_gib")).doubleValue();
        final double rate = sample.bytesPerSecond();
        final long bytes = (long)(rate * SAMPLE_INTERVALS);
        return copyOf(new RunResult(AERON, sample.description() + " (memory to memory, no files)", bytes,
            SAMPLE_INTERVALS, rate, null), sample)
            .with("cpu_seconds_by_thread", cpu)
            .with(ProcessCpu.BOTH_ENDS_KEY, cpuPerGib * bytes / (1024.0 * 1024 * 1024));
    }

    /**
     * Run iperf3 over loopback with one stream.
     *
     * @param dir work directory of this run.
     * @return the result; iperf3 reports no CPU time of its own, so none is recorded.
     * @throws IOException          if iperf3 cannot run.
     * @throws InterruptedException if interrupted while it runs.
     */
    public static RunResult iperf(final Path dir) throws IOException, InterruptedException
    {
        final RunResult run = IperfRun.run(dir, 1, IPERF_SECONDS, HubPlacement.LOOPBACK, List.of());
        return copyOf(new RunResult(IPERF, run.description() + " (memory to memory, no files)", run.bytes(),
            run.seconds(), run.bytesPerSecond(), null), run);
    }

    private static RunResult copyOf(final RunResult shell, final RunResult from)
    {
        RunResult result = shell;
        for (final Map.Entry<String, Object> detail : from.details().entrySet())
        {
            result = result.with(detail.getKey(), detail.getValue());
        }
        return result;
    }
}
