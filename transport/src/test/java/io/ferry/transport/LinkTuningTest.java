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

    @Test
    void publicationWindowHoldsTenMillisecondsOfTheRate()
    {
        // 200 Mbit/s: 250,000 B in 10 ms -> 256 KiB, below the 2 MiB receiver window a 30 ms link gets.
        assertEquals(256 * 1024, LinkTuning.publicationWindowLength(200_000_000L, 2 * 1024 * 1024, 1472));
        // 40 Gbit/s: 50 MB in 10 ms, capped at the receiver window.
        assertEquals(4 * 1024 * 1024, LinkTuning.publicationWindowLength(40_000_000_000L, 4 * 1024 * 1024, 8192));
        // 10 Mbit/s: 12,500 B in 10 ms, more than two pacing bursts of four 1472-byte frames (11,776 B) -> 16 KiB.
        assertEquals(16 * 1024, LinkTuning.publicationWindowLength(10_000_000L, 128 * 1024, 1472));
        // At MTU 8192 two bursts of four frames (65,536 B) exceed 10 ms of the rate and set the window.
        assertEquals(64 * 1024, LinkTuning.publicationWindowLength(10_000_000L, 128 * 1024, 8192));
        // MTU 65504 on a slow link: two bursts would be 512 KiB; the 128 KiB receiver window caps it (two frames fit).
        assertEquals(128 * 1024, LinkTuning.publicationWindowLength(10_000_000L, 128 * 1024, 65504));
    }
}
