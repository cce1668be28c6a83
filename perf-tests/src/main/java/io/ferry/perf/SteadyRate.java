package io.ferry.perf;

import java.util.List;

/**
 * The send rate over the steady part of a transfer: between the samples where the payload sent first reaches two
 * fractions of the total, which leaves out the start (full token bucket, handshake) and the tail (repairs, commit).
 *
 * @param payloadBitsPerSecond payload bits per second between the two samples.
 * @param wireBitsPerSecond    bits per second on the link (datagram headers, Aeron and ferry headers, payload).
 * @param seconds              time between the two samples.
 */
public record SteadyRate(double payloadBitsPerSecond, double wireBitsPerSecond, double seconds)
{
    /**
     * Compute the rate from samples in time order.
     *
     * @param samples           samples in time order.
     * @param totalBytes        payload bytes of the whole transfer.
     * @param from              fraction of the total where the window starts, e.g. 0.2.
     * @param to                fraction of the total where the window ends, e.g. 0.9.
     * @param frameHeaderLength bytes each frame carries besides its payload.
     * @return the rate.
     */
    public static SteadyRate between(
        final List<CounterSample> samples,
        final long totalBytes,
        final double from,
        final double to,
        final int frameHeaderLength)
    {
        final CounterSample first = firstReaching(samples, (long)(from * totalBytes));
        final CounterSample last = firstReaching(samples, (long)(to * totalBytes));
        final double seconds = (last.timeNs() - first.timeNs()) / 1e9;
        if (seconds <= 0)
        {
            throw new IllegalArgumentException("no time passed between " + from + " and " + to + " of the transfer");
        }
        final long payload = last.bytesSent() - first.bytesSent();
        final long wire = payload + (last.framesSent() - first.framesSent()) * frameHeaderLength;
        return new SteadyRate(payload * 8.0 / seconds, wire * 8.0 / seconds, seconds);
    }

    private static CounterSample firstReaching(final List<CounterSample> samples, final long bytes)
    {
        for (final CounterSample sample : samples)
        {
            if (sample.bytesSent() >= bytes)
            {
                return sample;
            }
        }
        throw new IllegalArgumentException("samples never reach " + bytes + " bytes sent");
    }
}
