package io.ferry.perf;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencySummaryTest
{
    /** Lines as EmbeddedPingPong 1.51.0 prints them (shortened), after its heading. */
    private static final List<String> SAMPLE = List.of(
        "       Value     Percentile TotalCount 1/(1-Percentile)",
        "",
        "      12.415 0.000000000000          1           1.00",
        "      20.031 0.500000000000      50213           2.00",
        "      25.087 0.984375000000      98440          64.00",
        "      31.743 0.990625000000      99063         106.67",
        "      48.127 0.998046875000      99805         512.00",
        "      52.991 0.999023437500      99903        1024.00",
        "     123.455 1.000000000000     100000",
        "#[Mean    =       21.123, StdDeviation   =        2.345]",
        "#[Max     =      123.455, Total count    =       100000]",
        "#[Buckets =           22, SubBuckets     =         2048]",
        "Execute again? (y/n): Shutting down...");

    @Test
    void readsEachPercentileAtTheFirstTickAtOrAboveIt()
    {
        final LatencySummary summary = LatencySummary.parse(SAMPLE);

        assertEquals(100_000, summary.count());
        assertEquals(20.031, summary.p50Us());
        assertEquals(31.743, summary.p99Us());
        assertEquals(52.991, summary.p999Us());
        assertEquals(123.455, summary.maxUs());
        assertEquals(21.123, summary.meanUs());
    }

    @Test
    void refusesOutputWithoutADistribution()
    {
        assertThrows(IllegalArgumentException.class,
            () -> LatencySummary.parse(List.of("Waiting for new image from Pong...", "Shutting down...")));
        assertThrows(IllegalArgumentException.class, () -> LatencySummary.parse(SAMPLE.subList(0, 6)));
    }

    @Test
    void readsFerrysHistogramThroughTheSameText()
    {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        for (int i = 1; i <= 1000; i++)
        {
            histogram.recordValue(i * 1_000L);
        }

        final LatencySummary summary = LatencySummary.of(histogram);

        assertEquals(1000, summary.count());
        assertEquals(500.0, summary.p50Us(), 0.5);
        assertTrue(summary.p99Us() >= 990.0 && summary.p99Us() <= 1000.5, "p99 " + summary.p99Us());
        assertTrue(summary.p999Us() >= summary.p99Us());
        assertEquals(1000.0, summary.maxUs(), 0.5);
    }

    @Test
    void latencyTargetIsFerryP99OverAeronP99AtMostTwo()
    {
        final LatencySummary aeron = new LatencySummary(100, 10, 40, 60, 90, 12);

        final Target met = Targets.latency(new LatencySummary(100, 20, 80, 100, 200, 25), aeron, "", true);
        assertEquals(2.0, met.value(), 1e-12);
        assertTrue(met.met());

        assertFalse(Targets.latency(new LatencySummary(100, 20, 81, 100, 200, 25), aeron, "", true).met());
        assertFalse(Targets.latency(new LatencySummary(100, 20, 50, 100, 200, 25), aeron, "", false).met());

        final Target missing = Targets.latency(null, aeron, "ferry failed: boom", true);
        assertEquals("not measured", missing.verdict());
        assertEquals("ferry failed: boom", missing.note());
    }

    @Test
    void namedLatencyComparisonComparesP99sUnderItsOwnName()
    {
        final LatencySummary aeron = new LatencySummary(100, 10, 40, 50, 90, 12);
        final Target shared = Targets.latency("latency_shared", "ferry-shared / aeron-shared",
            new LatencySummary(100, 20, 100, 120, 200, 25), aeron, "", true);

        assertEquals("latency_shared", shared.name());
        assertEquals(2.5, shared.value(), 1e-9);
        assertFalse(shared.met());
        assertTrue(Targets.latency("latency_shared", "x", new LatencySummary(100, 20, 80, 120, 200, 25), aeron, "",
            true).met());
    }
}
