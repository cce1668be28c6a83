package io.ferry.ops.demo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A ferryd child process started with this JVM's own java binary, flags and class path.
 */
public final class HubProcess implements AutoCloseable
{
    private final String hubId;
    private final Process process;
    private final Path logFile;

    private HubProcess(final String hubId, final Process process, final Path logFile)
    {
        this.hubId = hubId;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Start {@code ferry daemon --config FILE} in a new JVM, its output going to a log file.
     *
     * @param hubId   hub id, for messages.
     * @param config  configuration file.
     * @param logFile where stdout and stderr go.
     * @return the running process.
     * @throws IOException if the JVM cannot be started.
     */
    public static HubProcess start(final String hubId, final Path config, final Path logFile) throws IOException
    {
        return start(hubId, config, logFile, List.of());
    }

    /**
     * Start {@code ferry daemon --config FILE} in a new JVM with extra JVM arguments after this JVM's own, e.g.
     * system properties of the embedded media driver.
     *
     * @param hubId   hub id, for messages.
     * @param config  configuration file.
     * @param logFile where stdout and stderr go.
     * @param jvmArgs extra JVM arguments, placed before the class path.
     * @return the running process.
     * @throws IOException if the JVM cannot be started.
     */
    public static HubProcess start(final String hubId, final Path config, final Path logFile, final List<String> jvmArgs)
        throws IOException
    {
        return start(hubId, config, logFile, List.of(), jvmArgs);
    }

    /**
     * Start {@code ferry daemon --config FILE} in a new JVM under a launcher command, e.g.
     * {@code ip netns exec NS}, which must exec the JVM in its own process so that the process id stays the JVM's.
     *
     * @param hubId    hub id, for messages.
     * @param config   configuration file.
     * @param logFile  where stdout and stderr go.
     * @param launcher command and arguments put before the java command, empty for none.
     * @param jvmArgs  extra JVM arguments, placed before the class path.
     * @return the running process.
     * @throws IOException if the JVM cannot be started.
     */
    public static HubProcess start(
        final String hubId, final Path config, final Path logFile, final List<String> launcher,
        final List<String> jvmArgs) throws IOException
    {
        final List<String> command = new ArrayList<>(launcher);
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-D") || arg.startsWith("-XX:"))
            {
                command.add(arg);
            }
        }
        command.add("-Xmx1g");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.ferry.ops.cli.FerryCli");
        command.add("daemon");
        command.add("--config");
        command.add(config.toString());
        final Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile())
            .start();
        return new HubProcess(hubId, process, logFile);
    }

    /**
     * Hub id of this process.
     *
     * @return id.
     */
    public String hubId()
    {
        return hubId;
    }

    /**
     * Where the daemon's log goes.
     *
     * @return log file.
     */
    public Path logFile()
    {
        return logFile;
    }

    /**
     * Whether the process is still running.
     *
     * @return true while alive.
     */
    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * The OS process, for signals in tests.
     *
     * @return process.
     */
    public Process process()
    {
        return process;
    }

    /**
     * Ask the daemon to stop (SIGTERM) and wait for it; kill it if it does not stop in 20 s.
     *
     * @return the exit code.
     */
    public int stop()
    {
        process.destroy();
        try
        {
            if (!process.waitFor(20, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    public void close()
    {
        if (process.isAlive())
        {
            stop();
        }
    }
}
