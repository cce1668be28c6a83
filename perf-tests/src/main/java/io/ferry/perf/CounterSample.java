package io.ferry.perf;

/**
 * The source link's send counters at one moment.
 *
 * @param timeNs     when, from {@link System#nanoTime()}.
 * @param bytesSent  data payload bytes sent so far.
 * @param framesSent data frames sent so far.
 */
public record CounterSample(long timeNs, long bytesSent, long framesSent)
{
}
