package io.ferry.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The acceptance targets of issue 6's loopback scenarios, as ratios of medians measured in the same run:
 * (1) ferry ≥ 1.5 × rsync and ≥ 1.0 × GridFTP {@code -p 4} on the bulk tree, (2) ferry's files per second ≥ 2 ×
 * rsync's on the small files, (5) ferry's CPU seconds per GiB (both ends) ≤ rsync's on the bulk tree.
 */
public final class MatrixTargets
{
    /** Scenario key of the bulk tree (scenario 1, and 5's CPU figures). */
    public static final String BULK = "bulk";
    /** Scenario key of the small files (scenario 2). */
    public static final String SMALL_FILES = "small-files";

    private MatrixTargets()
    {
    }

    /**
     * Evaluate the targets.
     *
     * @param summaries the run's summaries.
     * @return the targets in the order; a pair not measured gives a target marked so.
     */
    public static List<Target> evaluate(final List<MatrixSummary> summaries)
    {
        final List<Target> targets = new ArrayList<>();
        targets.add(atLeast(summaries, "matrix_bulk_ferry_vs_rsync", "(1) bulk: ferry / rsync daemon, bytes per second",
            BULK, "rsync", s -> s.rate().median(), 1.5));
        targets.add(atLeast(summaries, "matrix_bulk_ferry_vs_gridftp_p4",
            "(1) bulk: ferry / GridFTP -p 4, bytes per second", BULK, "gridftp-p4", s -> s.rate().median(), 1.0));
        targets.add(atLeast(summaries, "matrix_small_files_ferry_vs_rsync",
            "(2) small files: ferry / rsync daemon, files per second", SMALL_FILES, "rsync",
            s -> s.filesPerSecond().median(), 2.0));
        final String what = "(5) bulk: ferry / rsync daemon, CPU seconds per GiB (both ends)";
        final Optional<MatrixSummary> ferry = MatrixSummary.find(summaries, BULK, "ferry");
        final Optional<MatrixSummary> rsync = MatrixSummary.find(summaries, BULK, "rsync");
        if (ferry.isEmpty() || rsync.isEmpty() || null == ferry.get().cpuSecondsPerGib() ||
            null == rsync.get().cpuSecondsPerGib())
        {
            targets.add(Target.notMeasured("matrix_cpu_ferry_vs_rsync", what, "≤ 1", "CPU time of ferry or rsync " +
                "not measured at both ends"));
        }
        else
        {
            final double ratio = ferry.get().cpuSecondsPerGib().median() / rsync.get().cpuSecondsPerGib().median();
            targets.add(new Target("matrix_cpu_ferry_vs_rsync", what, ratio, "≤ 1", ratio <= 1.0, ""));
        }
        return targets;
    }

    private static Target atLeast(
        final List<MatrixSummary> summaries,
        final String name,
        final String what,
        final String scenario,
        final String peer,
        final ToDoubleFunction<MatrixSummary> figure,
        final double least)
    {
        final String wanted = "≥ " + least;
        final Optional<MatrixSummary> ferry = MatrixSummary.find(summaries, scenario, "ferry");
        final Optional<MatrixSummary> other = MatrixSummary.find(summaries, scenario, peer);
        if (ferry.isEmpty() || other.isEmpty())
        {
            return Target.notMeasured(name, what, wanted, (ferry.isEmpty() ? "ferry" : peer) + " not measured");
        }
        final double ratio = figure.applyAsDouble(ferry.get()) / figure.applyAsDouble(other.get());
        return new Target(name, what, ratio, wanted, ratio >= least, "");
    }
}
