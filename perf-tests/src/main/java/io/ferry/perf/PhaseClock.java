package io.ferry.perf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seconds from a start to the first time each transfer state was seen while polling.
 */
public final class PhaseClock
{
    private final long startNs;
    private final Map<String, Double> firstSeen = new LinkedHashMap<>();

    /**
     * Start the clock.
     *
     * @param startNs start time from {@link System#nanoTime()}.
     */
    public PhaseClock(final long startNs)
    {
        this.startNs = startNs;
    }

    /**
     * Record a polled state.
     *
     * @param state  state name.
     * @param nowNs  time of the poll.
     * @return seconds since the start.
     */
    public double seen(final String state, final long nowNs)
    {
        final double seconds = (nowNs - startNs) / 1e9;
        firstSeen.putIfAbsent(state, seconds);
        return seconds;
    }

    /**
     * States in the order first seen, with seconds since the start.
     *
     * @return unmodifiable map.
     */
    public Map<String, Double> firstSeen()
    {
        return Collections.unmodifiableMap(firstSeen);
    }
}
