package io.ferry.ops.daemon;

import io.ferry.ops.config.ConfigException;
import io.ferry.ops.config.ConfigLoader;
import io.ferry.ops.config.FerryConfig;

import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ferry daemon --config FILE}: run ferryd in the foreground until SIGTERM or SIGINT.
 */
@Command(name = "daemon", description = "Run the ferry daemon (ferryd) in the foreground.")
public final class DaemonCommand implements Callable<Integer>
{
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "ferry.toml to run with.")
    private Path config;

    /**
     * Load the configuration, start the daemon and block until the JVM is asked to stop.
     *
     * @return 0 after a clean shutdown, 2 for a bad configuration, 1 if start-up failed otherwise.
     */
    public Integer call()
    {
        final FerryConfig loaded;
        try
        {
            loaded = ConfigLoader.load(config.toAbsolutePath());
        }
        catch (final ConfigException ex)
        {
            System.err.println("ferryd: " + ex.getMessage());
            return 2;
        }

        final Ferryd ferryd;
        try
        {
            ferryd = Ferryd.start(loaded, System.err);
        }
        catch (final Exception ex)
        {
            System.err.println("ferryd: start-up failed: " + ex);
            return 1;
        }

        // SIGTERM and SIGINT release the barrier; the JVM's shutdown waits until the daemon has stopped in order.
        // The process then exits 143 (128 + SIGTERM), which the systemd unit counts as a clean stop.
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            barrier.await();
            ferryd.close();
        }
        return 0;
    }
}
