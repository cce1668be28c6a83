package io.ferry.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of each thread of a process, read from /proc/PID/task, so a run can say which threads were busy without a
 * profiler in the way. Threads are keyed by their kernel name, which the JVM sets to the first 15 characters of the
 * Java thread name; threads of the same name are added up.
 */
public final class ThreadCpu
{
    /** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final int UTIME_FIELD = 13;
    private static final int STIME_FIELD = 14;

    private final Map<String, Long> ticksByThread;

    private ThreadCpu(final Map<String, Long> ticksByThread)
    {
        this.ticksByThread = ticksByThread;
    }

    /**
     * Read the CPU time of every live thread of a process; threads that cannot be read are left out.
     *
     * @param pid the process.
     * @return the snapshot.
     */
    public static ThreadCpu snapshot(final long pid)
    {
        final Map<String, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task")))
        {
            for (final Path task : tasks)
            {
                try
                {
                    final String name = Files.readAllLines(task.resolve("comm"), StandardCharsets.UTF_8).get(0);
                    final String stat = Files.readAllLines(task.resolve("stat"), StandardCharsets.UTF_8).get(0);
                    final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    final long used = Long.parseLong(fields[UTIME_FIELD - 2]) + Long.parseLong(fields[STIME_FIELD - 2]);
                    ticks.merge(task.getFileName() + " " + name, used, Long::sum);
                }
                catch (final IOException | RuntimeException ex)
                {
                    // The thread ended between listing and reading: its time is lost, which the caller accepts.
                }
            }
        }
        catch (final IOException ex)
        {
            // The process ended: nothing to read.
        }
        return new ThreadCpu(ticks);
    }

    /**
     * CPU seconds each thread name used since an earlier snapshot, busiest first; threads born since count from zero.
     *
     * @param earlier snapshot taken before.
     * @param limit   most names to return; the rest are added up under "other".
     * @return seconds by thread name, busiest first.
     */
    public Map<String, Double> since(final ThreadCpu earlier, final int limit)
    {
        final Map<String, Double> byName = new HashMap<>();
        for (final Map.Entry<String, Long> entry : ticksByThread.entrySet())
        {
            final long before = earlier.ticksByThread.getOrDefault(entry.getKey(), 0L);
            final String name = entry.getKey().substring(entry.getKey().indexOf(' ') + 1);
            byName.merge(name, (entry.getValue() - before) / TICKS_PER_SECOND, Double::sum);
        }
        final Map<String, Double> top = new LinkedHashMap<>();
        double other = 0;
        int n = 0;
        for (final Map.Entry<String, Double> entry : byName.entrySet().stream()
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList())
        {
            if (n++ < limit)
            {
                top.put(entry.getKey(), entry.getValue());
            }
            else
            {
                other += entry.getValue();
            }
        }
        top.put("other", other);
        top.put("total", byName.values().stream().mapToDouble(Double::doubleValue).sum());
        return top;
    }
}
