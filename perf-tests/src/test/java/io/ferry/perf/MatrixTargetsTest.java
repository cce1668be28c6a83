package io.ferry.perf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatrixTargetsTest
{
    private static final long GIB = 1L << 30;

    @Test
    void comparesFerryWithRsyncAndGridFtpAsTheIssueAsks()
    {
        final List<Target> targets = MatrixTargets.evaluate(MatrixSummary.of(List.of(
            MatrixSummaryTest.run("ferry", "bulk", 3 * GIB, 1001, 1.6e9, 6.0, true),
            MatrixSummaryTest.run("rsync", "bulk", 3 * GIB, 1001, 1.0e9, 6.6, true),
            MatrixSummaryTest.run("gridftp-p4", "bulk", 3 * GIB, 1001, 1.7e9, 5.0, true),
            MatrixSummaryTest.run("ferry", "small-files", 20_000 * 16_384L, 20_000, 3e8, 1.0, true),
            MatrixSummaryTest.run("rsync", "small-files", 20_000 * 16_384L, 20_000, 2e8, 1.0, true))));

        assertEquals(List.of("matrix_bulk_ferry_vs_rsync", "matrix_bulk_ferry_vs_gridftp_p4",
            "matrix_small_files_ferry_vs_rsync", "matrix_cpu_ferry_vs_rsync"),
            targets.stream().map(Target::name).toList());
        assertEquals(1.6, targets.get(0).value(), 1e-9);
        assertTrue(targets.get(0).met());
        assertEquals(1.6 / 1.7, targets.get(1).value(), 1e-9);
        assertFalse(targets.get(1).met());
        assertEquals(1.5, targets.get(2).value(), 1e-9);
        assertFalse(targets.get(2).met());
        assertEquals(6.0 / 6.6, targets.get(3).value(), 1e-9);
        assertTrue(targets.get(3).met());
    }

    @Test
    void marksPairsWithoutAPeerAsNotMeasured()
    {
        final List<Target> targets = MatrixTargets.evaluate(MatrixSummary.of(List.of(
            MatrixSummaryTest.run("ferry", "bulk", GIB, 11, 2e9, 2.0, true),
            MatrixSummaryTest.run("rsync", "bulk", GIB, 11, 1e9, null, true))));

        assertEquals("met", targets.get(0).verdict());
        assertEquals("not measured", targets.get(1).verdict());
        assertEquals("gridftp-p4 not measured", targets.get(1).note());
        assertEquals("not measured", targets.get(2).verdict());
        assertEquals("ferry not measured", targets.get(2).note());
        assertEquals("not measured", targets.get(3).verdict());
        assertFalse(targets.get(3).met());
    }
}
