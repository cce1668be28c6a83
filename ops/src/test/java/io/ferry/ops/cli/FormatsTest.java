package io.ferry.ops.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatsTest
{
    @Test
    void bytesUseBinaryUnitsWithOneDecimal()
    {
        assertEquals("0 B", Formats.bytes(0));
        assertEquals("1023 B", Formats.bytes(1023));
        assertEquals("1.0 KiB", Formats.bytes(1024));
        assertEquals("1.5 KiB", Formats.bytes(1536));
        assertEquals("256.0 MiB", Formats.bytes(256L * 1024 * 1024));
        assertEquals("1.5 GiB", Formats.bytes(3L * 512 * 1024 * 1024));
        assertEquals("8.0 EiB", Formats.bytes(Long.MAX_VALUE));
        assertEquals("61.0 MiB/s", Formats.rate(63_963_136));
    }

    @Test
    void durationsKeepTheirTwoLargestUnits()
    {
        assertEquals("4.2 s", Formats.seconds(4200));
        assertEquals("42s", Formats.duration(42_999));
        assertEquals("5m 07s", Formats.duration(307_000));
        assertEquals("2h 03m", Formats.duration(7_380_000));
        assertEquals("3d 04h", Formats.duration((3 * 86_400 + 4 * 3600) * 1000L));
        assertEquals("never", Formats.ago(10_000, 0));
        assertEquals("3s ago", Formats.ago(10_000, 7_000));
    }

    @Test
    void percentCountsAnEmptyTotalAsDone()
    {
        assertEquals("33.3%", Formats.percent(1, 3));
        assertEquals("100.0%", Formats.percent(0, 0));
        assertEquals("100.0%", Formats.percent(5, 4));
    }

    @Test
    void tableAlignsColumnsAndLeavesTheLastUnpadded()
    {
        final StringWriter text = new StringWriter();
        new TextTable("ID", "STATE", "TARGETS").row("t-1", "SENDING", "west:SENDING").row("t-22", null, "x")
            .print(new PrintWriter(text));

        assertEquals(String.join(System.lineSeparator(),
            "ID    STATE    TARGETS",
            "t-1   SENDING  west:SENDING",
            "t-22  -        x", ""), text.toString());
    }
}
