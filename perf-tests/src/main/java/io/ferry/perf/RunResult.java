package io.ferry.perf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured run: what moved, how long it took, the rate, whether the copy was verified, and run-specific details
 * (counters, phases, commands) in insertion order.
 */
public final class RunResult
{
    private final String name;
    private final String description;
    private final long bytes;
    private final double seconds;
    private final double bytesPerSecond;
    private final Boolean verified;
    private final Map<String, Object> details = new LinkedHashMap<>();

    /**
     * A result.
     *
     * @param name           short key, e.g. {@code ferry-8192}.
     * @param description    one line saying what was measured.
     * @param bytes          bytes moved, 0 where the rate is a sample's own report.
     * @param seconds        wall time, 0 where the rate is a sample's own report.
     * @param bytesPerSecond the rate.
     * @param verified       true if every file's SHA-256 matched, false if not, null where nothing is copied.
     */
    public RunResult(
        final String name,
        final String description,
        final long bytes,
        final double seconds,
        final double bytesPerSecond,
        final Boolean verified)
    {
        this.name = name;
        this.description = description;
        this.bytes = bytes;
        this.seconds = seconds;
        this.bytesPerSecond = bytesPerSecond;
        this.verified = verified;
    }

    /**
     * Add a detail.
     *
     * @param key   name, snake case.
     * @param value a number, string, boolean, list or map.
     * @return this.
     */
    public RunResult with(final String key, final Object value)
    {
        details.put(key, value);
        return this;
    }

    /**
     * Short key.
     *
     * @return name.
     */
    public String name()
    {
        return name;
    }

    /**
     * What was measured.
     *
     * @return description.
     */
    public String description()
    {
        return description;
    }

    /**
     * Bytes moved.
     *
     * @return bytes, 0 for a sample's own report.
     */
    public long bytes()
    {
        return bytes;
    }

    /**
     * Wall time.
     *
     * @return seconds, 0 for a sample's own report.
     */
    public double seconds()
    {
        return seconds;
    }

    /**
     * The rate.
     *
     * @return bytes per second.
     */
    public double bytesPerSecond()
    {
        return bytesPerSecond;
    }

    /**
     * Whether the copy was verified.
     *
     * @return true, false, or null where nothing is copied.
     */
    public Boolean verified()
    {
        return verified;
    }

    /**
     * Run-specific details.
     *
     * @return unmodifiable map in insertion order.
     */
    public Map<String, Object> details()
    {
        return Collections.unmodifiableMap(details);
    }

    /**
     * The flight recordings the run made, from its "jfr" detail.
     *
     * @return the recording files, or an empty list when the run was not recorded.
     */
    public List<Path> jfrRecordings()
    {
        final List<Path> files = new ArrayList<>();
        if (details.get("jfr") instanceof List<?> names)
        {
            for (final Object name : names)
            {
                files.add(Path.of(name.toString()));
            }
        }
        return files;
    }
}
