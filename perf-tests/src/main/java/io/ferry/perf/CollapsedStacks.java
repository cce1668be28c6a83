package io.ferry.perf;

import java.util.List;

/**
 * Sampled call stacks merged into one tree, root frame first: each frame counts the samples whose stack passed
 * through it, so two stacks that share a prefix share its frames, as in the "collapsed" form of a flame graph.
 */
public final class CollapsedStacks
{
    private final StackFrameNode root;

    /**
     * An empty tree under a root frame.
     *
     * @param rootName name of the frame that holds every sample, e.g. "all".
     */
    public CollapsedStacks(final String rootName)
    {
        root = new StackFrameNode(rootName);
    }

    /**
     * Add samples of one stack.
     *
     * @param framesRootFirst the stack, outermost frame first.
     * @param samples         how many samples had this stack.
     */
    public void add(final List<String> framesRootFirst, final long samples)
    {
        if (samples <= 0)
        {
            throw new IllegalArgumentException("samples must be positive: " + samples);
        }
        StackFrameNode node = root;
        node.addSamples(samples);
        for (final String frame : framesRootFirst)
        {
            node = node.child(frame);
            node.addSamples(samples);
        }
    }

    /**
     * Samples added so far.
     *
     * @return the root frame's count.
     */
    public long totalSamples()
    {
        return root.samples();
    }

    /**
     * The root frame.
     *
     * @return the frame that holds every sample.
     */
    StackFrameNode root()
    {
        return root;
    }
}
