package io.ferry.perf;

import io.ferry.ops.demo.TreeComparison;
import io.ferry.replication.api.RequestException;
import io.ferry.test.SeededLossGenerator;
import io.ferry.transport.PeerLink;
import io.ferry.transport.TransportContext;
import io.ferry.transport.TransportCounter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A paced transfer between in-process hubs with a fraction of the data frames dropped at random on receipt by the
 * target's driver ({@link SeededLossGenerator} on the data stream), or none, reporting time, repair counters and byte-for-byte verification.
 */
public final class LossRun
{
    private static final String LOSS_GAP_FILLS = "Loss gap fills";

    private LossRun()
    {
    }

    /**
     * Run one transfer.
     *
     * @param work                   directory for the hubs.
     * @param source                 tree to replicate.
     * @param bytes                  bytes in the tree.
     * @param warmup                 tree replicated once before the measured transfer, untimed.
     * @param mtu                    link MTU.
     * @param bandwidthBitsPerSecond configured link bandwidth, which paces the data.
     * @param lossRate               fraction of data frames to drop, 0 for none.
     * @param seed                   seed of the loss.
     * @return the measurement; its counters cover the measured transfer only.
     * @throws IOException if the hubs cannot start or the warm-up does not commit.
     * @throws RequestException if the source hub refuses a request.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static RunResult run(
        final Path work,
        final Path source,
        final long bytes,
        final Path warmup,
        final int mtu,
        final long bandwidthBitsPerSecond,
        final double lossRate,
        final long seed) throws IOException, RequestException, InterruptedException
    {
        final SeededLossGenerator loss =
            lossRate > 0 ? new SeededLossGenerator(seed, lossRate, TransportContext.DATA_STREAM_ID) : null;
        try (InProcessHubPair pair = InProcessHubPair.start(work, mtu, bandwidthBitsPerSecond, loss))
        {
            final double warmupSeconds = InProcessTransfer.warmUp(pair, warmup);
            final PeerLink sourceLink = pair.sourceLink();
            final PeerLink targetLink = pair.targetLink();
            final long seenBefore = null == loss ? 0 : loss.seen();
            final long droppedBefore = null == loss ? 0 : loss.dropped();
            final long requestedBefore = targetLink.counter(TransportCounter.REPAIR_REQUESTED);
            final long resentBefore = sourceLink.counter(TransportCounter.REPAIR_RESENT);
            final long framesBefore = sourceLink.counter(TransportCounter.FRAMES_SENT);
            final long bytesBefore = sourceLink.counter(TransportCounter.BYTES_SENT);
            final long gapFillsBefore = pair.targetDriverCounter(LOSS_GAP_FILLS);

            final InProcessTransfer transfer = InProcessTransfer.run(pair, source, "v1");
            final boolean verified = "COMMITTED".equals(transfer.view().state().name()) &&
                TreeComparison.compare(source, pair.published("v1")).matches();
            return new RunResult(lossRate > 0 ? "loss-lossy" : "loss-none", "ferry in-process, MTU " + mtu + ", " +
                InProcessHubPair.ENCRYPTION.configName() + ", paced at " + bandwidthBitsPerSecond / 1_000_000 +
                " Mbit/s, " + (lossRate * 100) + " % of data frames dropped at the target: submit to COMMITTED",
                bytes, transfer.seconds(), bytes / transfer.seconds(), verified)
                .with("state", transfer.view().state().name())
                .with("data_frames_seen_by_loss_generator", null == loss ? 0 : loss.seen() - seenBefore)
                .with("data_frames_dropped", null == loss ? 0 : loss.dropped() - droppedBefore)
                .with("repair_frames_requested", targetLink.counter(TransportCounter.REPAIR_REQUESTED) - requestedBefore)
                .with("repair_frames_resent", sourceLink.counter(TransportCounter.REPAIR_RESENT) - resentBefore)
                .with("target_driver_loss_gap_fills", pair.targetDriverCounter(LOSS_GAP_FILLS) - gapFillsBefore)
                .with("frames_sent", sourceLink.counter(TransportCounter.FRAMES_SENT) - framesBefore)
                .with("bytes_sent", sourceLink.counter(TransportCounter.BYTES_SENT) - bytesBefore)
                .with("adaptive_rate_min_bits_per_second", transfer.minRateBytesPerSecond() * 8)
                .with("phases_first_seen_s", transfer.phases().firstSeen())
                .with("warmup_seconds", warmupSeconds);
        }
    }
}
