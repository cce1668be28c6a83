package io.ferry.perf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WanSummaryTest
{
    @Test
    void takesMedianMinAndMaxPerScenarioAndToolAndCountsVerifiedAndCappedRuns()
    {
        final List<RunResult> results = List.of(
            run("ferry", 0.5, 30e6, true, false),
            run("rsync", 0.5, 1e6, null, true),
            run("ferry", 0.5, 10e6, true, false),
            run("ferry", 0.5, 20e6, false, false),
            run("ferry", 2, 5e6, true, false),
            run("ferry", 2, 7e6, true, false));

        final List<WanSummary> summaries = WanSummary.of(results);

        assertEquals(3, summaries.size());
        assertEquals(new WanSummary(0.5, "ferry", 3, 20e6, 10e6, 30e6, 2, 0), summaries.get(0));
        assertEquals(new WanSummary(0.5, "rsync", 1, 1e6, 1e6, 1e6, 0, 1), summaries.get(1));
        assertEquals(new WanSummary(2, "ferry", 2, 6e6, 5e6, 7e6, 2, 0), summaries.get(2));
        assertEquals(48.0, summaries.get(2).medianMbit(), 1e-9);
    }

    @Test
    void printsLossWithoutNeedlessFraction()
    {
        assertEquals("0", WanSummary.percentText(0));
        assertEquals("0.5", WanSummary.percentText(0.5));
        assertEquals("2", WanSummary.percentText(2.0));
    }

    private static RunResult run(
        final String tool, final double loss, final double rate, final Boolean verified, final boolean capped)
    {
        return new RunResult(tool, tool, 1, 1, rate, verified).with("capped", capped).with(WanSummary.LOSS_KEY, loss);
    }
}
