package io.ferry.systemtest;

import io.ferry.ops.demo.DemoHubConfig;

import io.aeron.Aeron;
import io.aeron.driver.status.SystemCounterDescriptor;

/**
 * Reads system counters of the media driver embedded in a running ferryd, through an Aeron client on its directory.
 */
final class DriverCounters
{
    private DriverCounters()
    {
    }

    /**
     * Current value of one of the driver's system counters.
     *
     * @param hub     the hub whose driver is read.
     * @param counter the counter, e.g. {@link SystemCounterDescriptor#NAK_MESSAGES_SENT}.
     * @return its value.
     */
    static long value(final DemoHubConfig hub, final SystemCounterDescriptor counter)
    {
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(hub.aeronDir().toString())))
        {
            return aeron.countersReader().getCounterValue(counter.id());
        }
    }
}
