package io.ferry.perf;

import io.ferry.transport.LinkTuning;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one harness run measures, and how.
 *
 * @param work                       work directory on tmpfs.
 * @param seed                       seed of the datasets and the loss.
 * @param runs                       selected runs, of {@link PerfRuns#ALL}.
 * @param throughputBytes            dataset size of the throughput runs.
 * @param pacingBytes                dataset size of the pacing run.
 * @param lossBytes                  dataset size of the loss runs.
 * @param warmupBytes                size of the tree every ferry pair replicates, untimed, before its measured run.
 * @param bandwidth                  link bandwidth of the throughput runs as ferry.toml takes it.
 * @param bandwidthBitsPerSecond     the same in bits per second.
 * @param pacingBitsPerSecond        paced rate of the pacing run.
 * @param lossPacingBitsPerSecond    paced rate of the loss runs.
 * @param lossRate                   fraction of data frames dropped in the lossy run.
 * @param aeronJar                   aeron-all jar holding the throughput sample.
 * @param sampleIdle                 idle strategy class of the sample's publisher and subscriber loops.
 * @param sampleIntervals            1-s intervals of the sample to measure after the skipped ones.
 * @param jfrDir                     where to record the ferryd processes with JFR, or null for no recording.
 */
public record HarnessSettings(
    Path work,
    long seed,
    List<String> runs,
    long throughputBytes,
    long pacingBytes,
    long lossBytes,
    long warmupBytes,
    String bandwidth,
    long bandwidthBitsPerSecond,
    long pacingBitsPerSecond,
    long lossPacingBitsPerSecond,
    double lossRate,
    Path aeronJar,
    String sampleIdle,
    int sampleIntervals,
    Path jfrDir)
{
    /** Round-trip time configured on every link. */
    public static final long RTT_NS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * Receiver window ferry derives for the throughput links, which Aeron's sample gets too.
     *
     * @return bytes.
     */
    public int window()
    {
        return LinkTuning.windowLength(
            LinkTuning.wantedWindowLength(bandwidthBitsPerSecond, RTT_NS), LinkTuning.socketReceiveBufferMax());
    }

    /**
     * Socket receive buffer ferry asks for with that window (twice the window, capped by rmem_max), which Aeron's
     * sample gets too.
     *
     * @return bytes.
     */
    public int socketBufferLength()
    {
        return (int)Math.min(LinkTuning.socketReceiveBufferMax(), 2L * window());
    }
}
