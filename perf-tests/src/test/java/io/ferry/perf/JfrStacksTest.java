package io.ferry.perf;

import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JfrStacksTest
{
    private static final String EVENT = "io.ferry.perf.JfrStacksTest.Sample";

    @TempDir
    Path dir;

    @Test
    void groupsThreadsByNameWithoutTrailingNumbersOrAeronDirectory()
    {
        assertEquals("ferry-api", JfrStacks.threadGroup("ferry-api-1-1"));
        assertEquals("ferry-link", JfrStacks.threadGroup("ferry-link"));
        assertEquals("C2 CompilerThread", JfrStacks.threadGroup("C2 CompilerThread0"));
        assertEquals("aeron [sender,receiver,driver-conductor]",
            JfrStacks.threadGroup("/dev/shm/ferry-perf-4178/ferry-8192/east/aeron [sender,receiver,driver-conductor]"));
        assertEquals("42", JfrStacks.threadGroup("42"));
        assertEquals("?", JfrStacks.threadGroup(null));
    }

    @Test
    void readsEachEventsStackUnderItsThreadGroupOutermostFrameFirst() throws Exception
    {
        final Path file = dir.resolve("test.jfr");
        try (Recording recording = new Recording())
        {
            recording.enable(EVENT).withStackTrace();
            recording.start();
            final Thread first = sampler("ferry-test-1", 2);
            final Thread second = sampler("ferry-test-2", 1);
            first.start();
            first.join();
            second.start();
            second.join();
            recording.stop();
            recording.dump(file);
        }

        final CollapsedStacks stacks = JfrStacks.read(file, EVENT);

        assertEquals(3, stacks.totalSamples());
        final StackFrameNode group = stacks.root().child("ferry-test");
        assertEquals(3, group.samples());
        final List<String> path = new ArrayList<>();
        StackFrameNode node = group;
        while (!node.children().isEmpty())
        {
            assertEquals(1, node.children().size());
            node = node.children().iterator().next();
            path.add(node.name());
            assertEquals(3, node.samples());
        }
        assertEquals("java.lang.Thread.run", path.get(0));
        final int outer = path.indexOf(JfrStacksTest.class.getName() + ".outer");
        assertTrue(outer > 0, path.toString());
        assertEquals(JfrStacksTest.class.getName() + ".inner", path.get(outer + 1));
        assertEquals(outer + 2, path.size(), path.toString());
        assertEquals(0, JfrStacks.read(file, JfrStacks.EXECUTION_SAMPLE).root().child("ferry-test").samples());
    }

    private static Thread sampler(final String name, final int events)
    {
        return new Thread(() -> outer(events), name);
    }

    private static void outer(final int events)
    {
        for (int i = 0; i < events; i++)
        {
            inner();
        }
    }

    private static void inner()
    {
        new SampleEvent().commit();
    }

    @Name(EVENT)
    static final class SampleEvent extends Event
    {
    }
}
