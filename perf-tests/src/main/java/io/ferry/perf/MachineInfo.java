package io.ferry.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the numbers were measured on: processors, CPU model, kernel, JDK and memory.
 *
 * @param processors processors available to the JVM ({@code nproc}).
 * @param cpuModel   first {@code model name} of /proc/cpuinfo.
 * @param kernel     kernel release.
 * @param jdk        JDK vendor and version.
 * @param memory     {@code MemTotal} of /proc/meminfo.
 * @param rmemMax    {@code net.core.rmem_max}, the kernel's cap on socket receive buffers, as the file says.
 */
public record MachineInfo(int processors, String cpuModel, String kernel, String jdk, String memory, String rmemMax)
{
    /**
     * Read this machine's description.
     *
     * @return the description; fields that cannot be read say "unknown".
     */
    public static MachineInfo read()
    {
        return new MachineInfo(
            Runtime.getRuntime().availableProcessors(),
            field(Path.of("/proc/cpuinfo"), "model name"),
            firstLine(Path.of("/proc/sys/kernel/osrelease")),
            System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.name") + " " +
                System.getProperty("java.runtime.version"),
            field(Path.of("/proc/meminfo"), "MemTotal"),
            firstLine(Path.of("/proc/sys/net/core/rmem_max")));
    }

    /**
     * The 1-minute load average now, to show how busy the machine was around a run.
     *
     * @return load average, or -1 if it cannot be read.
     */
    public static double loadAverage()
    {
        final String line = firstLine(Path.of("/proc/loadavg"));
        try
        {
            return Double.parseDouble(line.split(" ")[0]);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /**
     * One line for reports.
     *
     * @return e.g. {@code 2 × AMD EPYC, Linux 6.1, OpenJDK 17.0.15, 24 GiB}.
     */
    public String oneLine()
    {
        return "nproc " + processors + ", CPU " + cpuModel + ", Linux " + kernel + ", " + jdk + ", memory " + memory +
            ", net.core.rmem_max " + rmemMax;
    }

    private static String field(final Path file, final String name)
    {
        for (final String line : lines(file))
        {
            final int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name))
            {
                return line.substring(colon + 1).trim();
            }
        }
        return "unknown";
    }

    private static String firstLine(final Path file)
    {
        final List<String> lines = lines(file);
        return lines.isEmpty() ? "unknown" : lines.get(0).trim();
    }

    private static List<String> lines(final Path file)
    {
        try
        {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return List.of();
        }
    }
}
