package io.ferry.perf;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatrixChartTest
{
    private static final long GIB = 1L << 30;

    @Test
    void drawsRateFilesPerSecondAndCpuPerGibEachOnItsOwnScale() throws Exception
    {
        final List<MatrixSummary> summaries = MatrixSummary.of(List.of(
            MatrixSummaryTest.run("ferry", "bulk", GIB, 11, 0.5e9, 4.0, true),
            MatrixSummaryTest.run("rsync", "bulk", GIB, 11, 1e9, 1.0, true),
            MatrixSummaryTest.run("ferry", "small-files", GIB / 2, 1000, 1e8, 0.5, true)));

        final String svg = MatrixChart.svg("loopback", summaries, List.of("ferry", "rsync", "gridftp-p4"));

        final List<Element> bars = bars(svg);
        assertEquals(List.of(
            "ferry, bulk: 500 MB/s",
            "rsync, bulk: 1000 MB/s",
            "ferry, small-files: 186 files/s",
            "ferry, bulk: 4.00 CPU s per GiB",
            "rsync, bulk: 1.00 CPU s per GiB",
            "ferry, small-files: 1.00 CPU s per GiB"),
            bars.stream().map(Element::getTextContent).toList());
        assertEquals(0.5, height(bars.get(0)) / height(bars.get(1)), 1e-3);
        assertEquals(4.0, height(bars.get(3)) / height(bars.get(4)), 1e-3);
        assertTrue(svg.contains("loopback: small files"));
        assertEquals(3, svg.split("<g transform=").length - 1);
    }

    private static double height(final Element bar)
    {
        return Double.parseDouble(bar.getAttribute("height"));
    }

    private static List<Element> bars(final String svg) throws Exception
    {
        final Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        final NodeList rects = document.getElementsByTagName("rect");
        final List<Element> bars = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++)
        {
            final Element rect = (Element)rects.item(i);
            if (rect.getElementsByTagName("title").getLength() == 1)
            {
                bars.add(rect);
            }
        }
        return bars;
    }
}
