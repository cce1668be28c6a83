package io.ferry.perf;

import io.ferry.ops.demo.TreeComparison;
import io.ferry.replication.api.RequestException;
import io.ferry.transport.DataPublisher;

import io.aeron.protocol.DataHeaderFlyweight;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A transfer between in-process hubs paced at a configured link bandwidth, comparing the achieved steady rate with
 * that bandwidth. The pacer counts whole datagrams on the link, so the wire rate is the one compared; payload
 * goodput is reported beside it.
 */
public final class PacingRun
{
    /** Fraction of the payload where the steady window starts. */
    public static final double FROM = 0.2;
    /** Fraction of the payload where the steady window ends. */
    public static final double TO = 0.9;

    private PacingRun()
    {
    }

    /**
     * Run the paced transfer.
     *
     * @param work                   directory for the hubs.
     * @param source                 tree to replicate.
     * @param bytes                  bytes in the tree.
     * @param warmup                 tree replicated once before the measured transfer, untimed.
     * @param mtu                    link MTU.
     * @param bandwidthBitsPerSecond configured link bandwidth.
     * @return the measurement, with the ratio of the steady wire rate to the bandwidth in its details.
     * @throws IOException if the hubs cannot start or a transfer does not commit.
     * @throws RequestException if the source hub refuses a request.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static RunResult run(
        final Path work,
        final Path source,
        final long bytes,
        final Path warmup,
        final int mtu,
        final long bandwidthBitsPerSecond) throws IOException, RequestException, InterruptedException
    {
        try (InProcessHubPair pair = InProcessHubPair.start(work, mtu, bandwidthBitsPerSecond, null))
        {
            final double warmupSeconds = InProcessTransfer.warmUp(pair, warmup);
            final InProcessTransfer transfer = InProcessTransfer.run(pair, source, "paced");
            final boolean verified = "COMMITTED".equals(transfer.view().state().name()) &&
                TreeComparison.compare(source, pair.published("paced")).matches();
            final SteadyRate steady = SteadyRate.between(transfer.samples(), bytes, FROM, TO,
                DataPublisher.DATAGRAM_OVERHEAD + DataHeaderFlyweight.HEADER_LENGTH + DataPublisher.FRAME_OVERHEAD);
            final double wireRatio = steady.wireBitsPerSecond() / bandwidthBitsPerSecond;
            return new RunResult("pacing", "ferry in-process, MTU " + mtu + ", " +
                InProcessHubPair.ENCRYPTION.configName() + ", paced at " + bandwidthBitsPerSecond / 1_000_000 +
                " Mbit/s: steady rate between " + Math.round(FROM * 100) + " % and " + Math.round(TO * 100) +
                " % of the payload sent", bytes, transfer.seconds(), bytes / transfer.seconds(), verified)
                .with("state", transfer.view().state().name())
                .with("configured_bits_per_second", bandwidthBitsPerSecond)
                .with("steady_wire_bits_per_second", steady.wireBitsPerSecond())
                .with("steady_payload_bits_per_second", steady.payloadBitsPerSecond())
                .with("steady_seconds", steady.seconds())
                .with("wire_ratio", wireRatio)
                .with("wire_deviation_percent", (wireRatio - 1.0) * 100.0)
                .with("payload_ratio", steady.payloadBitsPerSecond() / bandwidthBitsPerSecond)
                .with("adaptive_rate_min_bits_per_second", transfer.minRateBytesPerSecond() * 8)
                .with("phases_first_seen_s", transfer.phases().firstSeen())
                .with("warmup_seconds", warmupSeconds);
        }
    }
}
