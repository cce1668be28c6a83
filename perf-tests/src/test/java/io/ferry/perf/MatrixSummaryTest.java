package io.ferry.perf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MatrixSummaryTest
{
    private static final long GIB = 1L << 30;

    @Test
    void takesMedianMinAndMaxOfRateFilesPerSecondAndCpuPerGibPerScenarioAndTool()
    {
        final List<RunResult> results = List.of(
            run("ferry", "bulk", 2 * GIB, 4, 2e9, 8.0, true),
            run("rsync", "bulk", 2 * GIB, 4, 1e9, 3.0, true),
            run("ferry", "bulk", 2 * GIB, 4, 1e9, 4.0, true),
            run("ferry", "bulk", 2 * GIB, 4, 3e9, 6.0, false),
            run("ferry", "small-files", 1000, 100, 500, null, true));

        final List<MatrixSummary> summaries = MatrixSummary.of(results);

        assertEquals(3, summaries.size());
        final MatrixSummary ferry = summaries.get(0);
        assertEquals("bulk", ferry.scenario());
        assertEquals("ferry", ferry.tool());
        assertEquals(3, ferry.runs());
        assertEquals(new Spread(2e9, 1e9, 3e9), ferry.rate());
        // 4 files in 2 GiB: files per second = rate × 4 / 2 GiB.
        assertEquals(2e9 * 4 / (2.0 * GIB), ferry.filesPerSecond().median(), 1e-9);
        assertEquals(new Spread(3.0, 2.0, 4.0), ferry.cpuSecondsPerGib());
        assertEquals(3, ferry.cpuRuns());
        assertEquals(2, ferry.verified());
        assertEquals(new Spread(1.5, 1.5, 1.5), summaries.get(1).cpuSecondsPerGib());
        final MatrixSummary small = summaries.get(2);
        assertEquals("small-files", small.scenario());
        assertEquals(50.0, small.filesPerSecond().median(), 1e-9);
        assertNull(small.cpuSecondsPerGib());
        assertEquals(0, small.cpuRuns());
    }

    @Test
    void countsCappedRunsAndLeavesTheirCpuOut()
    {
        final RunResult capped = run("gridftp-p1", "bulk", GIB, 10, 1e8, null, null).with("capped", true);

        final MatrixSummary summary = MatrixSummary.of(List.of(capped)).get(0);

        assertEquals(1, summary.capped());
        assertEquals(0, summary.verified());
        assertNull(summary.cpuSecondsPerGib());
    }

    static RunResult run(
        final String tool,
        final String scenario,
        final long bytes,
        final int files,
        final double rate,
        final Double cpuBothEnds,
        final Boolean verified)
    {
        final RunResult result = new RunResult(tool, tool, bytes, bytes / rate, rate, verified)
            .with(MatrixSummary.SCENARIO_KEY, scenario)
            .with(MatrixSummary.FILES_KEY, files)
            .with(MatrixSummary.DATASET_BYTES_KEY, bytes);
        return null == cpuBothEnds ? result : result.with(ProcessCpu.BOTH_ENDS_KEY, cpuBothEnds);
    }
}
