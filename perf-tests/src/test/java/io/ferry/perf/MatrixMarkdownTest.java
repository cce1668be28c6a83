package io.ferry.perf;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatrixMarkdownTest
{
    private static final long GIB = 1L << 30;

    @Test
    void rendersSettingsTableTargetsAndWhatWasNotMeasured()
    {
        final List<RunResult> results = List.of(
            MatrixSummaryTest.run("ferry", "bulk", GIB, 11, 2e9, 3.0, true),
            MatrixSummaryTest.run("ferry", "bulk", GIB, 11, 1e9, 2.0, true),
            MatrixSummaryTest.run("rsync", "bulk", GIB, 11, 0.5e9, 1.0, true));
        final List<MatrixSummary> summaries = MatrixSummary.of(results);
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("command", "perf-tests/run.sh matrix --repeats 2");
        settings.put("summary", summaries);
        final ResultsReport report = new ResultsReport(Instant.parse("2026-11-30T07:00:00Z"),
            new MachineInfo(2, "AMD EPYC", "6.1", "OpenJDK 17", "24 GiB", "4194304"), settings, results,
            MatrixTargets.evaluate(summaries));

        final String md = MatrixMarkdown.section(report, summaries, Map.of("gridftp-p1", "GridFTP is not installed"),
            Map.of("ferry small-files run 1", "did not commit"), "matrix-loopback.svg");

        assertTrue(md.startsWith("### Loopback matrix run of 2026-11-30T07:00:00Z\n"));
        assertTrue(md.contains("Machine: nproc 2, CPU AMD EPYC"));
        assertTrue(md.contains("- command: `perf-tests/run.sh matrix --repeats 2`\n"));
        assertFalse(md.contains("- summary:"));
        assertTrue(md.contains(
            "![loopback matrix: rate, files per second and CPU per GiB per tool](matrix-loopback.svg)"));
        assertTrue(md.contains("| bulk | ferry | 2 | 1.50 GB/s (1.00 GB/s–2.00 GB/s) | 15 (10–20) | " +
            "2.50 (2.00–3.00) | 2 | 0 |\n"), md);
        assertTrue(md.contains(
            "| bulk | rsync | 1 | 500 MB/s (500 MB/s–500 MB/s) | 5 (5–5) | 1.00 (1.00–1.00) | 1 | 0 |"), md);
        assertTrue(md.contains("| (1) bulk: ferry / rsync daemon, bytes per second | 3.000 | ≥ 1.5 | met |"), md);
        assertTrue(md.contains("| (5) bulk: ferry / rsync daemon, CPU seconds per GiB (both ends) | 2.500 | ≤ 1 | " +
            "MISSED |"), md);
        assertTrue(md.contains("| (1) bulk: ferry / GridFTP -p 4, bytes per second | - | ≥ 1.0 | not measured " +
            "(gridftp-p4 not measured) |"), md);
        assertTrue(md.contains("Tools not measured:\n\n- gridftp-p1: `GridFTP is not installed`\n"), md);
        assertTrue(md.contains("Failed runs:\n\n- ferry small-files run 1: `did not commit`\n"), md);
    }
}
