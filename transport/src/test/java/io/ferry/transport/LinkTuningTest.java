package io.ferry.transport;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkTuningTest
{
    @Test
    void readsTheKernelSocketBufferCapFromProc() throws Exception
    {
        final Path rmemMax = Path.of("/proc/sys/net/core/rmem_max");
        if (Files.isReadable(rmemMax))
        {
            try (java.io.InputStream in = new java.io.FileInputStream(rmemMax.toFile()))
            {
                final long expected = Long.parseLong(new String(in.readAllBytes(), "US-ASCII").trim());
                assertEquals(Math.min(Integer.MAX_VALUE, expected), LinkTuning.socketReceiveBufferMax());
            }
        }
    }

    @Test
    void windowCoversTwiceTheBandwidthDelayProductOverThreeQuarters()
    {
        // 1 Gbit/s at 30 ms: BDP 3.75 MB; 2 x BDP / 0.75 = 10 MB -> 16 MiB (power of two).
        assertEquals(16 * 1024 * 1024, LinkTuning.wantedWindowLength(1_000_000_000L, 30_000_000L));
        assertEquals(128 * 1024, LinkTuning.wantedWindowLength(10_000_000L, 1_000_000L));
        assertEquals(4 * 1024 * 1024, LinkTuning.windowLength(16 * 1024 * 1024, 4 * 1024 * 1024));
        assertEquals(128 * 1024, LinkTuning.windowLength(1024 * 1024, 4));
        assertEquals(16 * 1024 * 1024, LinkTuning.termLength(128 * 1024));
        assertEquals(64 * 1024 * 1024, LinkTuning.termLength(16 * 1024 * 1024));
    }
}
