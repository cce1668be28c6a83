package io.ferry.perf;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetsTest
{
    @Test
    void comparesAesWithoutEncryptionAtMtu8192()
    {
        final List<RunResult> results = List.of(
            new RunResult("ferry-8192", "aes", 100, 1, 75, true),
            new RunResult("ferry-8192-none", "none", 100, 1, 100, true));

        final Target target = find(Targets.evaluate(results, 0.02, Map.of()), "aes_vs_none_8192");

        assertEquals(0.75, target.value(), 1e-12);
        assertTrue(target.met());
    }

    @Test
    void missesTheEncryptionTargetBelowSeventyPercent()
    {
        final List<RunResult> results = List.of(
            new RunResult("ferry-8192", "aes", 100, 1, 69, true),
            new RunResult("ferry-8192-none", "none", 100, 1, 100, true));

        assertFalse(find(Targets.evaluate(results, 0.02, Map.of()), "aes_vs_none_8192").met());
    }

    @Test
    void reportsAFailedUnencryptedRunAsNotMeasured()
    {
        final List<RunResult> results = List.of(new RunResult("ferry-8192", "aes", 100, 1, 75, true));

        final Target target = find(
            Targets.evaluate(results, 0.02, Map.of("ferry-8192-none", "hubs did not connect")), "aes_vs_none_8192");

        assertEquals("not measured", target.verdict());
        assertEquals("ferry-8192-none failed: hubs did not connect", target.note());
    }

    private static Target find(final List<Target> targets, final String name)
    {
        return targets.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
