package io.ferry.perf;

import java.util.List;
import java.util.Locale;

/**
 * The colour family of a flame-graph frame, by the package of its method: ferry's own code, Aeron and Agrona, the
 * JDK's cryptography, the rest of the JDK, other libraries, and the frames that are no method (the root, thread
 * groups, markers).
 */
public enum FrameColour
{
    /** io.ferry. */
    FERRY("ferry", 110, 190, 90, List.of("io.ferry.")),
    /** io.aeron. and org.agrona. */
    AERON("aeron + agrona", 90, 150, 225, List.of("io.aeron.", "org.agrona.")),
    /** The JDK's ciphers, digests and their support code. */
    JDK_CRYPTO("JDK crypto", 230, 95, 65, List.of("com.sun.crypto.", "javax.crypto.", "sun.security.", "java.security.")),
    /** Everything else of the JDK. */
    JDK("JDK other", 225, 195, 80, List.of("java.", "javax.", "jdk.", "sun.", "com.sun.")),
    /** Other libraries: Netty, Chronicle, Jackson and so on. */
    OTHER("other library", 175, 130, 205, List.of()),
    /** The root, the thread groups and marker frames. */
    NOT_A_METHOD("thread / root", 200, 200, 200, List.of());

    private final String label;
    private final int red;
    private final int green;
    private final int blue;
    private final List<String> prefixes;

    FrameColour(final String label, final int red, final int green, final int blue, final List<String> prefixes)
    {
        this.label = label;
        this.red = red;
        this.green = green;
        this.blue = blue;
        this.prefixes = prefixes;
    }

    /**
     * The family of a method frame named {@code package.Type.method}.
     *
     * @param frame the frame's name.
     * @return its family; {@link #OTHER} when no prefix matches.
     */
    public static FrameColour ofMethod(final String frame)
    {
        for (final FrameColour colour : values())
        {
            for (final String prefix : colour.prefixes)
            {
                if (frame.startsWith(prefix))
                {
                    return colour;
                }
            }
        }
        return OTHER;
    }

    /**
     * What the legend calls this family.
     *
     * @return a short label.
     */
    public String label()
    {
        return label;
    }

    /**
     * The family's own colour, for the legend.
     *
     * @return an SVG colour.
     */
    public String base()
    {
        return rgb(0);
    }

    /**
     * A shade of the family's colour that stays the same for one name, so that neighbouring frames can be told
     * apart and a frame keeps its shade from one graph to the next.
     *
     * @param name the frame's name.
     * @return an SVG colour.
     */
    public String shade(final String name)
    {
        return rgb(Math.floorMod(name.hashCode(), 31) - 15);
    }

    private String rgb(final int offset)
    {
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)", clamp(red + offset), clamp(green + offset),
            clamp(blue + offset));
    }

    private static int clamp(final int value)
    {
        return Math.max(0, Math.min(255, value));
    }
}
