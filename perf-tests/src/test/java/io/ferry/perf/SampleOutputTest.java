package io.ferry.perf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleOutputTest
{
    @Test
    void readsTheBytesPerSecondOfARateLine()
    {
        assertEquals(9.441e8, SampleOutput.bytesPerSecond(
            "1.157e+05 msgs/sec, 9.441e+08 bytes/sec, totals 1391032 messages 10825 MB payloads").orElseThrow());
    }

    @Test
    void ignoresOtherLines()
    {
        assertTrue(SampleOutput.bytesPerSecond("Streaming 1,000 messages of payload length 8160 bytes").isEmpty());
        assertTrue(SampleOutput.bytesPerSecond("Done streaming. backPressureRatio=0.5").isEmpty());
    }

    @Test
    void medianLeavesOutTheFirstIntervals()
    {
        assertEquals(5.0, SampleOutput.medianAfter(List.of(100.0, 100.0, 9.0, 1.0, 5.0), 2));
        assertEquals(4.0, SampleOutput.medianAfter(List.of(100.0, 100.0, 9.0, 1.0, 3.0, 5.0), 2));
    }

    @Test
    void medianNeedsAnIntervalAfterTheSkippedOnes()
    {
        assertThrows(IllegalArgumentException.class, () -> SampleOutput.medianAfter(List.of(1.0, 2.0), 2));
    }
}
