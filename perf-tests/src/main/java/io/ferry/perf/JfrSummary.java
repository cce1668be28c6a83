package io.ferry.perf;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Summarises a flight recording: where the threads ran Java code ({@code jdk.ExecutionSample}), where they sat in
 * native code ({@code jdk.NativeMethodSample}, which includes parking), and what allocated
 * ({@code jdk.ObjectAllocationSample}), by thread and by top frame.
 */
public final class JfrSummary
{
    private static final int FRAMES_PER_THREAD = 5;
    private static final int THREADS = 6;
    private static final int ALLOCATION_SITES = 5;

    private JfrSummary()
    {
    }

    /**
     * Print the summary of each recording given.
     *
     * @param args recording files.
     * @throws IOException if a recording cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        for (final String file : args)
        {
            System.out.println(summarize(Path.of(file), 15));
        }
    }

    /**
     * Summarise one recording as markdown.
     *
     * @param file the recording.
     * @param top  how many top frames to list.
     * @return markdown.
     * @throws IOException if the recording cannot be read.
     */
    public static String summarize(final Path file, final int top) throws IOException
    {
        final Map<String, Map<String, Long>> cpuByThread = new HashMap<>();
        final Map<String, Long> cpuFrames = new HashMap<>();
        final Map<String, Long> nativeFrames = new HashMap<>();
        final Map<String, Long> allocations = new HashMap<>();
        long cpuSamples = 0;
        long nativeSamples = 0;
        long allocatedBytes = 0;
        for (final RecordedEvent event : RecordingFile.readAllEvents(file))
        {
            final String type = event.getEventType().getName();
            final String thread = threadName(event);
            final String frame = topFrame(event.getStackTrace());
            switch (type)
            {
                case "jdk.ExecutionSample" ->
                {
                    cpuSamples++;
                    cpuFrames.merge(frame, 1L, Long::sum);
                    cpuByThread.computeIfAbsent(thread, t -> new HashMap<>()).merge(frame, 1L, Long::sum);
                }
                case "jdk.NativeMethodSample" ->
                {
                    nativeSamples++;
                    nativeFrames.merge(thread + " in " + frame, 1L, Long::sum);
                }
                case "jdk.ObjectAllocationSample" ->
                {
                    final long weight = event.getLong("weight");
                    allocatedBytes += weight;
                    allocations.merge(thread + " at " + allocationSite(event.getStackTrace()) + " (" +
                        event.getClass("objectClass").getName() + ")", weight, Long::sum);
                }
                default ->
                {
                }
            }
        }

        final StringBuilder md = new StringBuilder();
        md.append("#### ").append(file.getFileName()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Java execution samples: %d. By thread (top frames):%n%n", cpuSamples));
        final long total = Math.max(1, cpuSamples);
        cpuByThread.entrySet().stream()
            .sorted(Comparator.comparingLong((Map.Entry<String, Map<String, Long>> e) -> -sum(e.getValue())))
            .limit(THREADS)
            .forEach(e ->
            {
                md.append(String.format(Locale.ROOT, "- `%s` %.1f %%: ", e.getKey(), 100.0 * sum(e.getValue()) / total));
                md.append(String.join(", ", top(e.getValue(), FRAMES_PER_THREAD).stream()
                    .map(f -> String.format(Locale.ROOT, "`%s` %.1f %%", f.getKey(), 100.0 * f.getValue() / total))
                    .toList()));
                md.append("\n");
            });
        md.append(String.format(Locale.ROOT, "%nTop %d frames of all Java execution samples:%n%n", top));
        for (final Map.Entry<String, Long> entry : top(cpuFrames, top))
        {
            md.append(String.format(Locale.ROOT, "- %.1f %% `%s`%n", 100.0 * entry.getValue() / total, entry.getKey()));
        }
        md.append(String.format(Locale.ROOT, "%nNative-method samples (I/O and parking): %d; top %d:%n%n",
            nativeSamples, top));
        for (final Map.Entry<String, Long> entry : top(nativeFrames, top))
        {
            md.append(String.format(Locale.ROOT, "- %.1f %% `%s`%n",
                100.0 * entry.getValue() / Math.max(1, nativeSamples), entry.getKey()));
        }
        md.append(String.format(Locale.ROOT, "%nSampled allocation weight: %d bytes; top %d sites:%n%n",
            allocatedBytes, ALLOCATION_SITES));
        for (final Map.Entry<String, Long> entry : top(allocations, ALLOCATION_SITES))
        {
            md.append(String.format(Locale.ROOT, "- %d B `%s`%n", entry.getValue(), entry.getKey()));
        }
        return md.toString();
    }

    private static List<Map.Entry<String, Long>> top(final Map<String, Long> counts, final int n)
    {
        return counts.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(n)
            .toList();
    }

    private static long sum(final Map<String, Long> counts)
    {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String threadName(final RecordedEvent event)
    {
        final RecordedThread thread = event.hasField("sampledThread") ? event.getThread("sampledThread") :
            event.hasField("eventThread") ? event.getThread("eventThread") : null;
        return null == thread ? "?" : thread.getJavaName();
    }

    private static String topFrame(final RecordedStackTrace stack)
    {
        return null == stack || stack.getFrames().isEmpty() ? "?" : frameName(stack.getFrames().get(0));
    }

    private static String allocationSite(final RecordedStackTrace stack)
    {
        if (null == stack)
        {
            return "?";
        }
        for (final RecordedFrame frame : stack.getFrames())
        {
            final String name = frameName(frame);
            if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun."))
            {
                return name;
            }
        }
        return topFrame(stack);
    }

    private static String frameName(final RecordedFrame frame)
    {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
