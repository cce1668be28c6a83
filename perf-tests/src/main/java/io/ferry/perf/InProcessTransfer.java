package io.ferry.perf;

import io.ferry.replication.api.RequestException;
import io.ferry.replication.api.TransferView;
import io.ferry.transport.PeerLink;
import io.ferry.transport.TransportCounter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One transfer between in-process hubs, polled every few milliseconds until it ends, with the source link's send
 * counters and adaptive rate sampled at every poll, counted from the submit.
 *
 * @param view                  the transfer when it ended.
 * @param seconds               from submit to the first poll that saw it end.
 * @param phases                when each state was first seen.
 * @param samples               the source link's counters over time, less their values at the submit.
 * @param minRateBytesPerSecond lowest rate the source link's adaptive rate controller allowed at any poll.
 */
public record InProcessTransfer(
    TransferView view, double seconds, PhaseClock phases, List<CounterSample> samples, long minRateBytesPerSecond)
{
    private static final long POLL_INTERVAL_MS = 5;
    private static final long TIMEOUT_NS = TimeUnit.MINUTES.toNanos(10);

    /**
     * Submit a tree from east to west and wait until the transfer ends.
     *
     * @param pair    the hubs.
     * @param source  tree to replicate.
     * @param version version label.
     * @return the outcome.
     * @throws RequestException if east refuses the request.
     * @throws IOException if the transfer does not end within 10 minutes.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static InProcessTransfer run(final InProcessHubPair pair, final Path source, final String version)
        throws RequestException, IOException, InterruptedException
    {
        final PeerLink link = pair.sourceLink();
        final List<CounterSample> samples = new ArrayList<>();
        final long startNs = System.nanoTime();
        final CounterSample base = sample(link, startNs);
        samples.add(new CounterSample(startNs, 0, 0));
        final String id = pair.submit(source, version).id();
        final PhaseClock phases = new PhaseClock(startNs);
        long minRate = link.rateSnapshot();
        while (System.nanoTime() - startNs < TIMEOUT_NS)
        {
            final long nowNs = System.nanoTime();
            final CounterSample now = sample(link, nowNs);
            samples.add(new CounterSample(nowNs, now.bytesSent() - base.bytesSent(),
                now.framesSent() - base.framesSent()));
            minRate = Math.min(minRate, link.rateSnapshot());
            final TransferView view = pair.transfer(id);
            final double seconds = phases.seen(view.state().name(), nowNs);
            if (view.state().isTerminal())
            {
                return new InProcessTransfer(view, seconds, phases, samples, minRate);
            }
            Thread.sleep(POLL_INTERVAL_MS);
        }
        throw new IOException("in-process transfer " + id + " did not finish within 10 minutes");
    }

    /**
     * Replicate a warm-up tree, untimed, and fail if it does not commit.
     *
     * @param pair   the hubs.
     * @param warmup tree to replicate.
     * @return seconds it took.
     * @throws RequestException if east refuses the request.
     * @throws IOException if the warm-up does not commit.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static double warmUp(final InProcessHubPair pair, final Path warmup)
        throws RequestException, IOException, InterruptedException
    {
        final InProcessTransfer transfer = run(pair, warmup, "warmup");
        if (!transfer.view().state().name().equals("COMMITTED"))
        {
            throw new IOException("warm-up transfer ended " + transfer.view().state() + ": " +
                transfer.view().reason() + " " + transfer.view().message());
        }
        return transfer.seconds();
    }

    private static CounterSample sample(final PeerLink link, final long nowNs)
    {
        return new CounterSample(
            nowNs, link.counter(TransportCounter.BYTES_SENT), link.counter(TransportCounter.FRAMES_SENT));
    }
}
