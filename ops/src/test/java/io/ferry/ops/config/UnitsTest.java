package io.ferry.ops.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UnitsTest
{
    @ParameterizedTest
    @CsvSource({
        "4096, 4096",
        "0, 0",
        "512b, 512",
        "64k, 65536",
        "64K, 65536",
        "64kb, 65536",
        "64kib, 65536",
        "4m, 4194304",
        "4mib, 4194304",
        "4MiB, 4194304",
        "4 MB, 4194304",
        "1g, 1073741824",
        "1.5g, 1610612736",
        "2t, 2199023255552",
    })
    void shouldParseBytes(final String text, final long expected)
    {
        assertEquals(expected, Units.parseBytes(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "k", "-4k", "4x", "4kk", "4ib", "4 k b", "1.5.5k", "4p", "64kbit" })
    void shouldRejectWhatIsNotASize(final String text)
    {
        assertMessage("\"" + text + "\" is not a size (use e.g. 4096, 64k, 4m, 1g)", () -> Units.parseBytes(text));
    }

    @Test
    void shouldRejectSizesThatAreNotWholeOrTooLarge()
    {
        assertMessage(
            "\"0.3k\" is not a whole number of bytes (use e.g. 4096, 64k, 4m, 1g)", () -> Units.parseBytes("0.3k"));
        assertMessage(
            "\"9000000t\" is too large (at most 9223372036854775807 bytes)", () -> Units.parseBytes("9000000t"));
    }

    @ParameterizedTest
    @CsvSource({
        "10gbit, 10000000000",
        "500mbit, 500000000",
        "2.5gbit, 2500000000",
        "100kbit, 100000",
        "1000bit, 1000",
        "1tbit, 1000000000000",
        "10Gbit, 10000000000",
        "10gbit/s, 10000000000",
        "10gbps, 10000000000",
        "0bit, 0",
    })
    void shouldParseBitsPerSecond(final String text, final long expected)
    {
        assertEquals(expected, Units.parseBitsPerSecond(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "10gbt", "10", "10g", "10gb", "10gB/s", "gbit", "-1gbit", "10 g bit" })
    void shouldRejectWhatIsNotARate(final String text)
    {
        assertMessage(
            "\"" + text + "\" is not a rate (use e.g. 10gbit, 500mbit, 2.5gbit)", () -> Units.parseBitsPerSecond(text));
    }

    @Test
    void shouldRejectRateThatIsNotWholeBits()
    {
        assertMessage(
            "\"1.5bit\" is not a whole number of bits per second (use e.g. 10gbit, 500mbit, 2.5gbit)",
            () -> Units.parseBitsPerSecond("1.5bit"));
    }

    @ParameterizedTest
    @CsvSource({
        "40ms, 40000000",
        "1.5s, 1500000000",
        "250us, 250000",
        "250µs, 250000",
        "100ns, 100",
        "2m, 120000000000",
        "1h, 3600000000000",
        "10S, 10000000000",
    })
    void shouldParseDurationNs(final String text, final long expected)
    {
        assertEquals(expected, Units.parseDurationNs(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "40", "40x", "ms", "-40ms", "40 m s", "1d" })
    void shouldRejectWhatIsNotADuration(final String text)
    {
        assertMessage(
            "\"" + text + "\" is not a duration (use e.g. 40ms, 1.5s, 250us, 100ns, 2m)",
            () -> Units.parseDurationNs(text));
    }

    @Test
    void shouldRejectDurationThatIsNotWholeNanoseconds()
    {
        assertMessage(
            "\"1.5ns\" is not a whole number of nanoseconds (use e.g. 40ms, 1.5s, 250us, 100ns, 2m)",
            () -> Units.parseDurationNs("1.5ns"));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0 B",
        "1023, 1023 B",
        "1024, 1.0 KiB",
        "1610612736, 1.5 GiB",
        "4194304, 4.0 MiB",
        "9223372036854775807, 8.0 EiB",
    })
    void shouldFormatBytes(final long bytes, final String expected)
    {
        assertEquals(expected, Units.formatBytes(bytes));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0 bit/s",
        "999, 999 bit/s",
        "1000, 1.0 kbit/s",
        "940200000, 940.2 Mbit/s",
        "10000000000, 10.0 Gbit/s",
    })
    void shouldFormatBitsPerSecond(final long bitsPerSecond, final String expected)
    {
        assertEquals(expected, Units.formatBitsPerSecond(bitsPerSecond));
    }

    @Test
    void shouldRejectNegativeValuesToFormat()
    {
        assertMessage("bytes must not be negative: -1", () -> Units.formatBytes(-1));
        assertMessage("bitsPerSecond must not be negative: -1", () -> Units.formatBitsPerSecond(-1));
    }

    private static void assertMessage(final String expected, final Runnable parse)
    {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, parse::run).getMessage());
    }
}
