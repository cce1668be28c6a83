package io.ferry.perf;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the sampled stacks of one event type from a flight recording into {@link CollapsedStacks}, under one frame
 * per thread group: a thread's name without its trailing numbers, and an Aeron driver thread without the directory
 * part of its name, so that {@code ferry-api-1-1} and {@code ferry-api-1-2} add up.
 */
public final class JfrStacks
{
    /** Java code running on a CPU, sampled every 1 ms in the recordings of {@link JfrRecording}. */
    public static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";

    /** Threads in native code (I/O, waiting, parking), sampled every 5 ms in the recordings of {@link JfrRecording}. */
    public static final String NATIVE_METHOD_SAMPLE = "jdk.NativeMethodSample";

    /** The frame put under the thread group when JFR cut a deep stack short and its outer frames are unknown. */
    public static final String TRUNCATED = "[truncated stack]";

    private static final Pattern TRAILING_NUMBERS = Pattern.compile("(?:[-#]?[0-9]+)+$");

    private JfrStacks()
    {
    }

    /**
     * Read every sample of one event type.
     *
     * @param recording the flight recording.
     * @param eventType e.g. {@link #EXECUTION_SAMPLE}.
     * @return the samples, rooted at "all", then the thread group, then the outermost frame.
     * @throws IOException if the recording cannot be read.
     */
    public static CollapsedStacks read(final Path recording, final String eventType) throws IOException
    {
        final CollapsedStacks stacks = new CollapsedStacks("all");
        final List<String> frames = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(recording))
        {
            while (file.hasMoreEvents())
            {
                final RecordedEvent event = file.readEvent();
                if (!eventType.equals(event.getEventType().getName()))
                {
                    continue;
                }
                frames.clear();
                frames.add(threadGroup(threadName(event)));
                final RecordedStackTrace stack = event.getStackTrace();
                if (null != stack)
                {
                    if (stack.isTruncated())
                    {
                        frames.add(TRUNCATED);
                    }
                    final List<RecordedFrame> innermostFirst = stack.getFrames();
                    for (int i = innermostFirst.size() - 1; i >= 0; i--)
                    {
                        frames.add(frameName(innermostFirst.get(i)));
                    }
                }
                stacks.add(frames, 1);
            }
        }
        return stacks;
    }

    /**
     * The group a thread's samples are put under.
     *
     * @param threadName the thread's Java name, or null.
     * @return the name without a directory prefix and without trailing numbers.
     */
    static String threadGroup(final String threadName)
    {
        if (null == threadName || threadName.isEmpty())
        {
            return "?";
        }
        final String name = threadName.startsWith("/") ? threadName.substring(threadName.lastIndexOf('/') + 1) :
            threadName;
        final String group = TRAILING_NUMBERS.matcher(name).replaceFirst("");
        return group.isEmpty() ? name : group;
    }

    private static String threadName(final RecordedEvent event)
    {
        final RecordedThread thread = event.hasField("sampledThread") ? event.getThread("sampledThread") :
            event.hasField("eventThread") ? event.getThread("eventThread") : null;
        return null == thread ? null : thread.getJavaName();
    }

    private static String frameName(final RecordedFrame frame)
    {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
