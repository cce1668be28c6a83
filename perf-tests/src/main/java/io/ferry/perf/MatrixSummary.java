package io.ferry.perf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One tool in one loopback scenario of the matrix over its repeated runs: rate, files per second and CPU seconds per
 * GiB moved (both ends), each as median with min–max, and how many runs were verified or stopped at the time cap.
 *
 * @param scenario         scenario key, e.g. {@code bulk} or {@code small-files}.
 * @param tool             run name, e.g. {@code ferry} or {@code gridftp-p4}.
 * @param runs             runs measured.
 * @param rate             bytes per second.
 * @param filesPerSecond   files per second, from the scenario's file count and the rate.
 * @param cpuSecondsPerGib user + system CPU seconds of both ends per GiB moved, over the runs that measured both ends;
 *                         null when none did.
 * @param cpuRuns          runs whose CPU time of both ends was measured.
 * @param verified         runs whose copy matched the source file by file.
 * @param capped           runs stopped at the time cap.
 */
public record MatrixSummary(
    String scenario,
    String tool,
    int runs,
    Spread rate,
    Spread filesPerSecond,
    Spread cpuSecondsPerGib,
    int cpuRuns,
    int verified,
    int capped)
{
    /** Detail key under which each matrix run records its scenario. */
    public static final String SCENARIO_KEY = "scenario";
    /** Detail key under which each matrix run records the number of files of its dataset. */
    public static final String FILES_KEY = "dataset_files";
    /** Detail key under which each matrix run records the bytes of its dataset. */
    public static final String DATASET_BYTES_KEY = "dataset_bytes";

    private static final double GIB = 1024.0 * 1024 * 1024;

    /**
     * Summarise results by scenario and tool, in the order they first appear.
     *
     * @param results runs, each with the {@value #SCENARIO_KEY}, {@value #FILES_KEY} and {@value #DATASET_BYTES_KEY}
     *                details, and {@link ProcessCpu#BOTH_ENDS_KEY} where the CPU time of both ends was measured.
     * @return one summary per scenario and tool.
     */
    public static List<MatrixSummary> of(final List<RunResult> results)
    {
        final Map<String, List<RunResult>> groups = new LinkedHashMap<>();
        for (final RunResult result : results)
        {
            groups.computeIfAbsent(result.details().get(SCENARIO_KEY) + "/" + result.name(), k -> new ArrayList<>())
                .add(result);
        }
        final List<MatrixSummary> summaries = new ArrayList<>();
        for (final List<RunResult> group : groups.values())
        {
            final RunResult first = group.get(0);
            final double files = ((Number)first.details().get(FILES_KEY)).doubleValue();
            final double datasetBytes = ((Number)first.details().get(DATASET_BYTES_KEY)).doubleValue();
            final Spread rate = Spread.of(group.stream().mapToDouble(RunResult::bytesPerSecond).toArray());
            final double[] cpuPerGib = group.stream()
                .filter(r -> r.bytes() > 0 && r.details().get(ProcessCpu.BOTH_ENDS_KEY) instanceof Number)
                .mapToDouble(r -> ((Number)r.details().get(ProcessCpu.BOTH_ENDS_KEY)).doubleValue() / (r.bytes() / GIB))
                .toArray();
            summaries.add(new MatrixSummary(
                String.valueOf(first.details().get(SCENARIO_KEY)),
                first.name(),
                group.size(),
                rate,
                rate.times(files / datasetBytes),
                cpuPerGib.length > 0 ? Spread.of(cpuPerGib) : null,
                cpuPerGib.length,
                (int)group.stream().filter(r -> Boolean.TRUE.equals(r.verified())).count(),
                (int)group.stream().filter(r -> Boolean.TRUE.equals(r.details().get("capped"))).count()));
        }
        return summaries;
    }

    /**
     * The summary of a tool in a scenario.
     *
     * @param summaries summaries of a run.
     * @param scenario  scenario key.
     * @param tool      tool name.
     * @return the summary, or empty when the tool was not measured there.
     */
    public static Optional<MatrixSummary> find(
        final List<MatrixSummary> summaries, final String scenario, final String tool)
    {
        return summaries.stream().filter(s -> s.scenario().equals(scenario) && s.tool().equals(tool)).findFirst();
    }
}
