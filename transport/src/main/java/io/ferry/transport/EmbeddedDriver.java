package io.ferry.transport;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Launches the media driver inside ferryd: SHARED threading with backoff idling, because on small hosts
 * busy-spinning driver threads starve the agents that feed them, and a directory of its own per daemon.
 */
public final class EmbeddedDriver
{
    private EmbeddedDriver()
    {
    }

    /**
     * Launch a driver for a hub.
     *
     * @param aeronDirectoryName directory of this hub's driver, cleared on start and removed on close.
     * @param mtu                largest MTU any link of this hub uses.
     * @param errorHandler       where driver errors go.
     * @param customizer         last say over the driver context, e.g. loss injection in tests; may be null.
     * @return the running driver; close it to stop.
     */
    public static MediaDriver launch(
        final String aeronDirectoryName,
        final int mtu,
        final ErrorHandler errorHandler,
        final Consumer<MediaDriver.Context> customizer)
    {
        final MediaDriver.Context ctx = new MediaDriver.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(
                10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1)))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .termBufferSparseFile(true)
            .mtuLength(mtu)
            .errorHandler(errorHandler);
        if (null != customizer)
        {
            customizer.accept(ctx);
        }
        return MediaDriver.launch(ctx);
    }
}
