package io.ferry.perf;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SteadyRateTest
{
    @Test
    void measuresBetweenTheSamplesThatFirstReachEachFraction()
    {
        final List<CounterSample> samples = new ArrayList<>();
        samples.add(new CounterSample(0, 0, 0));
        samples.add(new CounterSample(1_000_000_000L, 5_000, 5));
        for (int i = 1; i <= 10; i++)
        {
            samples.add(new CounterSample(1_000_000_000L + i * 100_000_000L, 5_000 + i * 1_000L, 5 + i));
        }

        final SteadyRate rate = SteadyRate.between(samples, 15_000, 0.4, 0.9, 24);

        assertEquals(0.8, rate.seconds(), 1e-9);
        assertEquals(8_000 * 8 / 0.8, rate.payloadBitsPerSecond(), 1e-6);
        assertEquals((8_000 + 8 * 24) * 8 / 0.8, rate.wireBitsPerSecond(), 1e-6);
    }

    @Test
    void refusesSamplesThatNeverReachTheWindow()
    {
        final List<CounterSample> samples = List.of(new CounterSample(0, 0, 0), new CounterSample(1, 10, 1));

        assertThrows(IllegalArgumentException.class, () -> SteadyRate.between(samples, 100, 0.2, 0.9, 0));
    }
}
