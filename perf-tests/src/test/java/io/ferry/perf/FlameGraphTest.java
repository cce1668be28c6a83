package io.ferry.perf;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlameGraphTest
{
    private static final double GRAPH_WIDTH = FlameGraph.WIDTH - 2 * FlameGraph.MARGIN;

    @Test
    void framesAreAsWideAsTheirSamplesAndSitOnTheFramesThatCalledThem() throws Exception
    {
        final CollapsedStacks stacks = new CollapsedStacks("all");
        stacks.add(List.of("ferry-link", "io.ferry.transport.PeerLink.doWork", "io.aeron.Image.poll"), 3);
        stacks.add(List.of("ferry-link", "io.ferry.transport.PeerLink.doWork", "javax.crypto.Cipher.doFinal"), 1);
        stacks.add(List.of("ferry-link", "io.ferry.transport.PeerLink.doWork"), 4);

        final Map<String, Element> frames = frames(FlameGraph.svg(stacks, "test", FlameGraph.DEFAULT_MIN_FRACTION));

        assertEquals(5, frames.size());
        final double perSample = GRAPH_WIDTH / 8;
        assertFrame(frames.get("all"), FlameGraph.MARGIN, 8 * perSample, 0, 3);
        assertFrame(frames.get("ferry-link"), FlameGraph.MARGIN, 8 * perSample, 1, 3);
        assertFrame(frames.get("io.ferry.transport.PeerLink.doWork"), FlameGraph.MARGIN, 8 * perSample, 2, 3);
        assertFrame(frames.get("io.aeron.Image.poll"), FlameGraph.MARGIN, 3 * perSample, 3, 3);
        assertFrame(frames.get("javax.crypto.Cipher.doFinal"), FlameGraph.MARGIN + 3 * perSample, perSample, 3, 3);
        assertEquals("io.ferry.transport.PeerLink.doWork: 8 samples, 100.0 % (self 50.0 %)",
            title(frames.get("io.ferry.transport.PeerLink.doWork")));
        assertEquals("io.aeron.Image.poll: 3 samples, 37.5 % (self 37.5 %)", title(frames.get("io.aeron.Image.poll")));
    }

    @Test
    void coloursFramesByTheirPackageAndTheRootAndThreadGroupsApart() throws Exception
    {
        final CollapsedStacks stacks = new CollapsedStacks("all");
        stacks.add(List.of("io.netty.Thread", "io.ferry.A.run", "org.agrona.B.run", "com.sun.crypto.provider.C.run",
            "java.lang.D.run", "io.netty.E.run", "[truncated stack]"), 1);

        final Map<String, Element> frames = frames(FlameGraph.svg(stacks, "test", 0));

        assertEquals(FrameColour.NOT_A_METHOD.shade("all"), fill(frames.get("all")));
        assertEquals(FrameColour.NOT_A_METHOD.shade("io.netty.Thread"), fill(frames.get("io.netty.Thread")));
        assertEquals(FrameColour.FERRY.shade("io.ferry.A.run"), fill(frames.get("io.ferry.A.run")));
        assertEquals(FrameColour.AERON.shade("org.agrona.B.run"), fill(frames.get("org.agrona.B.run")));
        assertEquals(FrameColour.JDK_CRYPTO.shade("com.sun.crypto.provider.C.run"),
            fill(frames.get("com.sun.crypto.provider.C.run")));
        assertEquals(FrameColour.JDK.shade("java.lang.D.run"), fill(frames.get("java.lang.D.run")));
        assertEquals(FrameColour.OTHER.shade("io.netty.E.run"), fill(frames.get("io.netty.E.run")));
        assertEquals(FrameColour.NOT_A_METHOD.shade("[truncated stack]"), fill(frames.get("[truncated stack]")));
    }

    @Test
    void leavesOutFramesUnderTheMinimumShareWithEverythingTheyCalled() throws Exception
    {
        final CollapsedStacks stacks = new CollapsedStacks("all");
        stacks.add(List.of("ferry-link", "io.ferry.Big.run"), 991);
        stacks.add(List.of("ferry-link", "io.ferry.Edge.run"), 5);
        stacks.add(List.of("ferry-link", "io.ferry.Small.run", "io.ferry.Small.deeper", "io.ferry.Small.deepest"), 4);

        final String svg = FlameGraph.svg(stacks, "test", 0.005);
        final Map<String, Element> frames = frames(svg);

        assertEquals(List.of("all", "ferry-link", "io.ferry.Big.run", "io.ferry.Edge.run"),
            frames.keySet().stream().sorted().toList());
        final double perSample = GRAPH_WIDTH / 1000;
        assertFrame(frames.get("io.ferry.Edge.run"), FlameGraph.MARGIN + 991 * perSample, 5 * perSample, 2, 2);
        final Element root = parse(svg).getDocumentElement();
        assertEquals(FlameGraph.HEADER + 3 * FlameGraph.FRAME_HEIGHT + FlameGraph.MARGIN,
            Integer.parseInt(root.getAttribute("height")));
        assertTrue(svg.contains("fewer than 5 samples"));
    }

    @Test
    void escapesFrameNamesAndTitleSoThatTheDocumentStaysWellFormed() throws Exception
    {
        final String strange = "io.ferry.A$\"quoted\"&'apostrophe'.<init>";
        final CollapsedStacks stacks = new CollapsedStacks("all");
        stacks.add(List.of("thread <1> & \u0001", strange), 1);

        final String svg = FlameGraph.svg(stacks, "a <title> & \"more\"", 0);
        final Map<String, Element> frames = frames(svg);

        assertTrue(frames.containsKey(strange));
        assertTrue(frames.containsKey("thread <1> & ?"));
        assertFalse(svg.contains("<init>"));
        assertTrue(svg.contains("a &lt;title&gt; &amp; &quot;more&quot;"));
    }

    @Test
    void drawsOnlyTheHeaderWhenThereAreNoSamples() throws Exception
    {
        final String svg = FlameGraph.svg(new CollapsedStacks("all"), "empty", FlameGraph.DEFAULT_MIN_FRACTION);

        assertTrue(frames(svg).isEmpty());
        assertTrue(svg.contains("0 samples"));
    }

    @Test
    void labelsMethodFramesWithoutTheirPackage()
    {
        assertEquals("GaloisCounterMode$GCMDecrypt.doFinal",
            FlameGraph.shortName("com.sun.crypto.provider.GaloisCounterMode$GCMDecrypt.doFinal"));
        assertEquals("Main.main", FlameGraph.shortName("Main.main"));
    }

    private static void assertFrame(
        final Element group, final double x, final double width, final int level, final int depth)
    {
        final Element rect = (Element)group.getElementsByTagName("rect").item(0);
        assertEquals(x, Double.parseDouble(rect.getAttribute("x")), 0.051);
        assertEquals(width, Double.parseDouble(rect.getAttribute("width")), 0.051);
        assertEquals(FlameGraph.HEADER + (depth - level) * FlameGraph.FRAME_HEIGHT,
            Integer.parseInt(rect.getAttribute("y")));
    }

    private static String title(final Element group)
    {
        return group.getElementsByTagName("title").item(0).getTextContent();
    }

    private static String fill(final Element group)
    {
        return ((Element)group.getElementsByTagName("rect").item(0)).getAttribute("fill");
    }

    private static Map<String, Element> frames(final String svg) throws Exception
    {
        final NodeList groups = parse(svg).getElementsByTagName("g");
        final Map<String, Element> byName = new HashMap<>();
        for (int i = 0; i < groups.getLength(); i++)
        {
            final Element group = (Element)groups.item(i);
            final String title = title(group);
            byName.put(title.substring(0, title.lastIndexOf(": ")), group);
        }
        return byName;
    }

    private static Document parse(final String svg) throws Exception
    {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
