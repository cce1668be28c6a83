package io.ferry.perf;

import io.ferry.ops.demo.TreeComparison;
import io.ferry.transport.Encryption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Smoke of the WAN lab in {@code mvn verify}: builds the delay element, brings the emulated link up at 200 Mbit/s,
 * 30 ms RTT and 0.5 % loss, self-checks it, replicates 64 MiB between two ferryd processes in the lab's namespaces and
 * compares every file by SHA-256, then tears the lab down. Skipped, with the reason, where the lab cannot run (not
 * root, tools missing, namespaces denied); CI runs as root with the packages installed.
 */
class WanLabSmokeTest
{
    private static final long SIZE = 64L * 1024 * 1024;
    private static final long WARMUP_SIZE = 1024 * 1024;
    private static final int MTU = 1472;

    @TempDir
    Path work;

    @Test
    void replicatesThroughTheEmulatedLinkAndTheReplicaMatches() throws Exception
    {
        final Path script = Path.of("wan/lab.sh").toAbsolutePath();
        final Optional<String> reason = WanLab.unavailable(script);
        assumeTrue(reason.isEmpty(), () -> "WAN lab smoke skipped: " + reason.orElse(""));

        try (WanLab lab = WanLab.up(script, "200mbit", "30ms", 0.5))
        {
            final WanLabCheck check = lab.check();
            System.out.println(check.text());
            assertTrue(check.ok(), () -> "lab self-check out of tolerance:\n" + check.text());

            final Path source = work.resolve("source");
            final Path warmup = work.resolve("warmup");
            final int files = PerfDataset.generate(source, SIZE, 6L);
            PerfDataset.generate(warmup, WARMUP_SIZE, 7L);
            final Path hubs = work.resolve("hubs");
            final RunResult result = FerryProcessRun.run(hubs, "ferry-wan-smoke", source, SIZE, MTU, "200mbit",
                "30ms", Encryption.AES_256_GCM, warmup, null, WanLab.placement("a"), WanLab.placement("b"));
            System.out.printf("ferry over the lab: %d bytes in %.2f s = %s; delay element %s%n", result.bytes(),
                result.seconds(), ResultsReport.rate(result.bytesPerSecond()), lab.delayStats());

            assertEquals("COMMITTED", result.details().get("state"));
            assertEquals(Boolean.TRUE, result.verified(), () -> "replica differs: " + result.details().get("problems"));
            final TreeComparison comparison = TreeComparison.compare(source, hubs.resolve("west/datasets/demo/v1"));
            assertEquals(List.of(), comparison.problems());
            assertEquals(files, comparison.files());
            assertEquals(SIZE, comparison.bytes());
        }
    }
}
