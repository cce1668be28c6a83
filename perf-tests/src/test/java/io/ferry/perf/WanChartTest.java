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

class WanChartTest
{
    @Test
    void drawsOneBarPerMeasuredToolAndScenarioScaledToTheMedian() throws Exception
    {
        final List<WanSummary> summaries = List.of(
            new WanSummary(0, "ferry", 3, 20e6, 19e6, 21e6, 3, 0),
            new WanSummary(0, "rsync", 3, 10e6, 9e6, 11e6, 3, 0),
            new WanSummary(0.5, "ferry", 3, 15e6, 14e6, 16e6, 3, 0));

        final String svg = WanChart.svg("a <title> & more", summaries, List.of(0.0, 0.5), List.of("ferry", "rsync"),
            200_000_000L);

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
        assertEquals(3, bars.size());
        assertEquals("ferry at 0 % loss: 160.0 Mbit/s", bars.get(0).getTextContent());
        final double ferry = Double.parseDouble(bars.get(0).getAttribute("height"));
        final double rsync = Double.parseDouble(bars.get(1).getAttribute("height"));
        assertEquals(2.0, ferry / rsync, 1e-3);
        assertTrue(svg.contains("link 200 Mbit/s"));
        assertTrue(svg.contains("0.5 % loss"));
    }
}
