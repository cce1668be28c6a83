package io.ferry.perf;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * One frame of {@link CollapsedStacks}: its name, the samples that passed through it, and the frames it called,
 * in name order so that a graph of the same samples is drawn the same way each time.
 */
final class StackFrameNode
{
    private final String name;
    private final Map<String, StackFrameNode> children = new TreeMap<>();
    private long samples;

    StackFrameNode(final String name)
    {
        this.name = name;
    }

    String name()
    {
        return name;
    }

    long samples()
    {
        return samples;
    }

    long selfSamples()
    {
        long inChildren = 0;
        for (final StackFrameNode child : children.values())
        {
            inChildren += child.samples;
        }
        return samples - inChildren;
    }

    Collection<StackFrameNode> children()
    {
        return children.values();
    }

    StackFrameNode child(final String childName)
    {
        return children.computeIfAbsent(childName, StackFrameNode::new);
    }

    void addSamples(final long count)
    {
        samples += count;
    }
}
