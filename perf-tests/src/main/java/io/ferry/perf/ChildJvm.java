package io.ferry.perf;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The start of a command line for a child JVM that runs with this JVM's java binary and flags, as
 * {@code io.ferry.ops.demo.HubProcess} starts ferryd, so that every peer runs under the same JVM settings.
 */
public final class ChildJvm
{
    /** Heap of every child JVM, the same as HubProcess gives ferryd. */
    public static final String HEAP = "-Xmx1g";

    private ChildJvm()
    {
    }

    /**
     * The java binary, this JVM's {@code --add-*}, {@code -D} and {@code -XX:} flags, and the heap setting.
     *
     * @return a new mutable list to append the class path, main class and arguments to.
     */
    public static List<String> command()
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-D") || arg.startsWith("-XX:"))
            {
                command.add(arg);
            }
        }
        command.add(HEAP);
        return command;
    }
}
