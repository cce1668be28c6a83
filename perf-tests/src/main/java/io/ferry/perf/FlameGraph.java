package io.ferry.perf;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Draws sampled stacks as a flame graph in one self-contained SVG file: the root at the bottom, each frame as wide as
 * its share of the samples, the frames it called on top of it in name order, its name and share in a tooltip, and
 * frames below a minimum share left out so that the file stays small. For {@link JfrStacks}' graphs the second row
 * is the thread group; frames above it are methods, coloured by package ({@link FrameColour}).
 */
@Command(name = "flame-graph", description = "Draw a flight recording's sampled stacks as an SVG flame graph.")
public final class FlameGraph implements Callable<Integer>
{
    /** Frames with less than this share of all samples are left out. */
    public static final double DEFAULT_MIN_FRACTION = 0.005;

    static final int WIDTH = 1200;
    static final int MARGIN = 10;
    static final int FRAME_HEIGHT = 16;
    static final int HEADER = 80;
    private static final double CHAR_WIDTH = 6.7;
    private static final int LEGEND_SPACING = 160;

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Parameters(index = "0", description = "The flight recording (.jfr).")
    private Path recording;

    @Option(names = "--out", description = "The SVG file (default: the recording's name with .svg, or -native.svg).")
    private Path out;

    @Option(names = "--native", description = "Draw the native-method samples (I/O, waiting) instead of the Java " +
        "execution samples.")
    private boolean nativeSamples;

    @Option(names = "--min-percent", defaultValue = "0.5",
        description = "Leave out frames under this share of the samples, in percent (default 0.5).")
    private double minPercent;

    @Option(names = "--title", description = "Title line (default: the recording's file name and the event type).")
    private String title;

    private FlameGraph()
    {
    }

    /**
     * Draw one recording and exit with the status.
     *
     * @param args command line arguments; {@code --help} lists them.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new FlameGraph()).execute(args));
    }

    /**
     * Draw the recording given on the command line.
     *
     * @return 0 when the graph was written.
     * @throws IOException if the recording cannot be read or the graph not written.
     */
    public Integer call() throws IOException
    {
        final String eventType = nativeSamples ? JfrStacks.NATIVE_METHOD_SAMPLE : JfrStacks.EXECUTION_SAMPLE;
        final String stem = recording.getFileName().toString().replaceFirst("\\.jfr$", "");
        final Path file = null != out ? out : recording.resolveSibling(stem + (nativeSamples ? "-native.svg" : ".svg"));
        final long samples = write(recording, eventType, file,
            null != title ? title : recording.getFileName() + ": " + eventType, minPercent / 100);
        System.out.println("wrote " + file + " (" + samples + " samples, " + Files.size(file) + " bytes)");
        return 0;
    }

    /**
     * Read one event type's stacks from a recording and write their flame graph.
     *
     * @param recording   the flight recording.
     * @param eventType   e.g. {@link JfrStacks#EXECUTION_SAMPLE}.
     * @param svgFile     where to write the graph.
     * @param title       title line of the graph.
     * @param minFraction frames under this share of the samples are left out, e.g. {@link #DEFAULT_MIN_FRACTION}.
     * @return how many samples the graph holds.
     * @throws IOException if the recording cannot be read or the graph not written.
     */
    public static long write(
        final Path recording,
        final String eventType,
        final Path svgFile,
        final String title,
        final double minFraction) throws IOException
    {
        final CollapsedStacks stacks = JfrStacks.read(recording, eventType);
        Files.writeString(svgFile, svg(stacks, title, minFraction), StandardCharsets.UTF_8);
        return stacks.totalSamples();
    }

    /**
     * The flame graph of some stacks.
     *
     * @param stacks      the samples.
     * @param title       title line.
     * @param minFraction frames under this share of the samples are left out.
     * @return the SVG document.
     */
    public static String svg(final CollapsedStacks stacks, final String title, final double minFraction)
    {
        final long total = stacks.totalSamples();
        final long minSamples = Math.max(1, (long)Math.ceil(minFraction * total - 1e-9));
        final int depth = drawnDepth(stacks.root(), minSamples);
        final int height = HEADER + (depth + 1) * FRAME_HEIGHT + MARGIN;
        final StringBuilder svg = new StringBuilder(64 * 1024);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" " +
            "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"monospace\" font-size=\"11\">%n",
            WIDTH, height, WIDTH, height));
        svg.append("<style>g:hover rect{stroke:#000;stroke-width:1}</style>\n");
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", MARGIN,
            escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"42\">%d samples; frames under %s %% of them " +
            "(fewer than %d samples) are left out; point at a frame for its full name and share</text>%n",
            MARGIN, total, percent(minFraction), minSamples));
        int legendX = MARGIN;
        for (final FrameColour colour : FrameColour.values())
        {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"52\" width=\"12\" height=\"12\" fill=\"%s\"/>" +
                "<text x=\"%d\" y=\"62\">%s</text>%n", legendX, colour.base(), legendX + 16, escape(colour.label())));
            legendX += LEGEND_SPACING;
        }
        if (total > 0)
        {
            draw(svg, stacks.root(), 0, depth, MARGIN, (double)(WIDTH - 2 * MARGIN) / total, total, minSamples);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static int drawnDepth(final StackFrameNode node, final long minSamples)
    {
        int deepest = 0;
        for (final StackFrameNode child : node.children())
        {
            if (child.samples() >= minSamples)
            {
                deepest = Math.max(deepest, 1 + drawnDepth(child, minSamples));
            }
        }
        return deepest;
    }

    private static void draw(
        final StringBuilder svg,
        final StackFrameNode node,
        final int level,
        final int depth,
        final double x,
        final double pixelsPerSample,
        final long total,
        final long minSamples)
    {
        final double width = node.samples() * pixelsPerSample;
        final int y = HEADER + (depth - level) * FRAME_HEIGHT;
        final boolean method = level > 1 && !node.name().startsWith("[");
        final FrameColour colour = method ? FrameColour.ofMethod(node.name()) : FrameColour.NOT_A_METHOD;
        svg.append(String.format(Locale.ROOT, "<g><title>%s: %d samples, %s %% (self %s %%)</title>" +
            "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
            escape(node.name()), node.samples(), percent((double)node.samples() / total),
            percent((double)node.selfSamples() / total), x, y, width, FRAME_HEIGHT - 1, colour.shade(node.name())));
        final String label = fitted(method ? shortName(node.name()) : node.name(), width);
        if (!label.isEmpty())
        {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>", x + 3, y + 11,
                escape(label)));
        }
        svg.append("</g>\n");
        double childX = x;
        for (final StackFrameNode child : node.children())
        {
            if (child.samples() >= minSamples)
            {
                draw(svg, child, level + 1, depth, childX, pixelsPerSample, total, minSamples);
            }
            childX += child.samples() * pixelsPerSample;
        }
    }

    /**
     * A method frame's name without its package: {@code Type.method}.
     *
     * @param frame {@code package.Type.method}.
     * @return the last two dotted parts.
     */
    static String shortName(final String frame)
    {
        final int methodDot = frame.lastIndexOf('.');
        final int typeDot = methodDot > 0 ? frame.lastIndexOf('.', methodDot - 1) : -1;
        return frame.substring(typeDot + 1);
    }

    private static String fitted(final String label, final double width)
    {
        final int chars = (int)((width - 6) / CHAR_WIDTH);
        if (chars < 3)
        {
            return "";
        }
        return label.length() <= chars ? label : label.substring(0, chars - 2) + "..";
    }

    private static String percent(final double fraction)
    {
        return String.format(Locale.ROOT, "%.1f", 100 * fraction);
    }

    /**
     * Text made safe for SVG character data and attribute values.
     *
     * @param text any text.
     * @return the text with markup characters escaped and control characters replaced.
     */
    static String escape(final String text)
    {
        final StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c < 0x20 ? '?' : c);
            }
        }
        return escaped.toString();
    }
}
