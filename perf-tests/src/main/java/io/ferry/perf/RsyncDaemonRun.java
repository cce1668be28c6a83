package io.ferry.perf;

import io.ferry.ops.demo.TreeComparison;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Copies a tree with {@code rsync --whole-file} to an rsync daemon on loopback that writes into an empty target,
 * as a TCP file-copy peer measured on the same data in the same run.
 */
public final class RsyncDaemonRun
{
    /** What to run when rsync is missing. */
    public static final String INSTALL_HINT = "apt-get install -y rsync";

    private static final String MODULE = "perf";
    private static final long START_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private RsyncDaemonRun()
    {
    }

    /**
     * The rsync binary on the PATH.
     *
     * @return its path, or empty when rsync is not installed.
     */
    public static Optional<Path> find()
    {
        final String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (final String dir : path.split(File.pathSeparator))
        {
            final Path candidate = Path.of(dir, "rsync");
            if (Files.isExecutable(candidate))
            {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Start the daemon, copy the tree into its empty module, verify every file and stop the daemon.
     *
     * @param rsync  the rsync binary.
     * @param work   directory for the daemon's configuration, log and target.
     * @param source tree to copy.
     * @param bytes  bytes in the tree.
     * @return the measurement.
     * @throws IOException if rsync fails or cannot be started.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static RunResult run(final Path rsync, final Path work, final Path source, final long bytes)
        throws IOException, InterruptedException
    {
        final Path target = Files.createDirectories(work.resolve("target"));
        final Path config = work.resolve("rsyncd.conf");
        final Object uid = Files.getAttribute(work, "unix:uid");
        final Object gid = Files.getAttribute(work, "unix:gid");
        Files.writeString(config, String.join("\n",
            "use chroot = false",
            "pid file = " + work.resolve("rsyncd.pid"),
            "log file = " + work.resolve("rsyncd.log"),
            "[" + MODULE + "]",
            "    path = " + target,
            "    read only = false",
            "    uid = " + uid,
            "    gid = " + gid,
            ""), StandardCharsets.UTF_8);
        final int port = FreePorts.tcp();
        final List<String> daemonCommand = List.of(rsync.toString(), "--daemon", "--no-detach",
            "--config=" + config, "--address=127.0.0.1", "--port=" + port);
        final List<String> clientCommand = List.of(rsync.toString(), "-a", "--whole-file",
            source + "/", "rsync://127.0.0.1:" + port + "/" + MODULE + "/");
        final Process daemon = new ProcessBuilder(daemonCommand)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("daemon.out").toFile())
            .start();
        try
        {
            awaitListening(port, daemon);
            final long startNs = System.nanoTime();
            final Process client = new ProcessBuilder(clientCommand)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("client.out").toFile())
                .start();
            final int exit = client.waitFor();
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            if (exit != 0)
            {
                throw new IOException("rsync exited with " + exit + "; see " + work.resolve("client.out"));
            }
            final TreeComparison comparison = TreeComparison.compare(source, target);
            return new RunResult("rsync", "rsync daemon --whole-file over loopback TCP into an empty target",
                bytes, seconds, bytes / seconds, comparison.matches())
                .with("problems", comparison.problems().stream().limit(10).toList())
                .with("daemon_command", String.join(" ", daemonCommand))
                .with("client_command", String.join(" ", clientCommand));
        }
        finally
        {
            daemon.destroy();
            if (!daemon.waitFor(10, TimeUnit.SECONDS))
            {
                daemon.destroyForcibly();
            }
        }
    }

    private static void awaitListening(final int port, final Process daemon) throws IOException, InterruptedException
    {
        final long deadlineNs = System.nanoTime() + START_TIMEOUT_NS;
        while (true)
        {
            try (Socket socket = new Socket())
            {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            }
            catch (final IOException ex)
            {
                if (!daemon.isAlive() || System.nanoTime() > deadlineNs)
                {
                    throw new IOException("rsync daemon did not listen on 127.0.0.1:" + port + " within 10 s", ex);
                }
                Thread.sleep(20);
            }
        }
    }
}
