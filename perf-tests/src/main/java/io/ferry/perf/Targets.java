package io.ferry.perf;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The acceptance targets of issues 3, 5 and 6 (scenario 4, latency), computed from one run's results as ratios against
 * peers measured in that run.
 */
public final class Targets
{
    /** ferry at MTU 8192 must reach this fraction of Aeron's sample at the same MTU. */
    public static final double AERON_FRACTION = 0.80;
    /** ferry at MTU 65504 must beat rsync by this factor. */
    public static final double RSYNC_FACTOR = 1.5;
    /** Largest deviation of the paced rate from the configured rate. */
    public static final double PACING_TOLERANCE = 0.05;
    /** Fraction of the loss-free throughput a lossy run must keep. */
    public static final double LOSS_FRACTION = 0.90;
    /** Fraction of the unencrypted throughput at MTU 8192 that AES-256-GCM must keep (issue 5). */
    public static final double ENCRYPTION_FRACTION = 0.70;

    /** ferry's control-path p99 round trip may be at most this multiple of Aeron's ping-pong sample's (issue 6). */
    public static final double LATENCY_FACTOR = 2.0;

    private Targets()
    {
    }

    /**
     * Evaluate every target.
     *
     * @param results  the run's results.
     * @param lossRate fraction of data frames dropped in the lossy run.
     * @param failures runs that failed, with the reason.
     * @return the targets in order.
     */
    public static List<Target> evaluate(
        final List<RunResult> results, final double lossRate, final Map<String, String> failures)
    {
        return List.of(
            ratio(results, failures, "ferry_8192_vs_aeron", "ferry MTU 8192 / Aeron sample MTU 8192",
                "ferry-8192", "aeron-8192", AERON_FRACTION),
            ratio(results, failures, "ferry_65504_vs_rsync", "ferry MTU 65504 / rsync daemon",
                "ferry-65504", "rsync", RSYNC_FACTOR),
            pacing(results, failures),
            ratio(results, failures, "loss_vs_no_loss", String.format(Locale.ROOT,
                "ferry %.1f %% loss / no loss (paced)", lossRate * 100), "loss-lossy", "loss-none", LOSS_FRACTION),
            ratio(results, failures, "aes_vs_none_8192", "ferry MTU 8192 aes-256-gcm / encryption none",
                "ferry-8192", "ferry-8192-none", ENCRYPTION_FRACTION));
    }

    /**
     * The latency target of issue 6: ferry's p99 round trip over Aeron's EmbeddedPingPong's, both from the same run.
     *
     * @param ferry   ferry's summary, null if not measured.
     * @param aeron   the sample's summary, null if not measured.
     * @param note    why one is missing, or empty.
     * @param echoed  whether every pong brought the payload back unchanged.
     * @return the target.
     */
    public static Target latency(
        final LatencySummary ferry, final LatencySummary aeron, final String note, final boolean echoed)
    {
        return latency("latency_p99_vs_aeron", "ferry control-path p99 / Aeron EmbeddedPingPong p99",
            ferry, aeron, note, echoed);
    }

    /**
     * A latency comparison: ferry's p99 round trip over a raw Aeron p99, both from the same run, wanted within
     * {@link #LATENCY_FACTOR}.
     *
     * @param name    key of the target in the JSON.
     * @param what    what is compared, for people.
     * @param ferry   ferry's summary, null if not measured.
     * @param aeron   the raw Aeron summary, null if not measured.
     * @param note    why one is missing, or empty.
     * @param echoed  whether every pong brought the payload back unchanged.
     * @return the target.
     */
    public static Target latency(
        final String name,
        final String what,
        final LatencySummary ferry,
        final LatencySummary aeron,
        final String note,
        final boolean echoed)
    {
        final String wanted = String.format(Locale.ROOT, "≤ %.2f", LATENCY_FACTOR);
        if (null == ferry || null == aeron)
        {
            return Target.notMeasured(name, what, wanted, note);
        }
        final double value = ferry.p99Us() / aeron.p99Us();
        return new Target(name, what, value, wanted, echoed && value <= LATENCY_FACTOR,
            echoed ? "" : "a pong did not echo its ping");
    }

    private static Target ratio(
        final List<RunResult> results,
        final Map<String, String> failures,
        final String name,
        final String what,
        final String measured,
        final String peer,
        final double wanted)
    {
        final String wantedText = String.format(Locale.ROOT, "≥ %.2f", wanted);
        final Optional<RunResult> a = find(results, measured);
        final Optional<RunResult> b = find(results, peer);
        if (a.isEmpty() || b.isEmpty())
        {
            return Target.notMeasured(name, what, wantedText, missing(failures, a.isEmpty() ? measured : peer));
        }
        final double value = a.get().bytesPerSecond() / b.get().bytesPerSecond();
        final boolean verified = !Boolean.FALSE.equals(a.get().verified()) && !Boolean.FALSE.equals(b.get().verified());
        return new Target(name, what, value, wantedText, verified && value >= wanted,
            verified ? "" : "a copy did not verify");
    }

    private static Target pacing(final List<RunResult> results, final Map<String, String> failures)
    {
        final String what = "ferry paced rate / configured rate (steady, wire)";
        final String wanted = String.format(Locale.ROOT, "1 ± %.2f", PACING_TOLERANCE);
        final Optional<RunResult> pacing = find(results, "pacing");
        if (pacing.isEmpty())
        {
            return Target.notMeasured("pacing", what, wanted, missing(failures, "pacing"));
        }
        final double ratio = (Double)pacing.get().details().get("wire_ratio");
        return new Target("pacing", what, ratio, wanted, Math.abs(ratio - 1.0) <= PACING_TOLERANCE,
            String.format(Locale.ROOT, "%+.2f %%", (ratio - 1.0) * 100));
    }

    private static String missing(final Map<String, String> failures, final String run)
    {
        return failures.containsKey(run) ? run + " failed: " + failures.get(run) : run + " not run";
    }

    private static Optional<RunResult> find(final List<RunResult> results, final String name)
    {
        return results.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
