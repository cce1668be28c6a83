package io.ferry.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Copies a tree with {@code rsync --whole-file} to an rsync daemon on loopback that writes into an empty target,
 * as a TCP file-copy peer measured on the same data in the same run. The CPU time of both ends is recorded: the
 * client's, and the daemon's together with the per-connection child it forks (and that child's own children).
 */
public final class RsyncDaemonRun
{
    /** What to run when rsync is missing. */
    public static final String INSTALL_HINT = "apt-get install -y rsync";

    private static final String MODULE = "perf";
    private static final long START_TIMEOUT_MS = 10_000;

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
        return Executables.find("rsync");
    }

    /**
     * Start the daemon on loopback, copy the tree into its empty module, verify every file and stop the daemon.
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
        return run(rsync, work, source, bytes, "rsync", HubPlacement.LOOPBACK, List.of(), TimeUnit.DAYS.toSeconds(1));
    }

    /**
     * Start the daemon where a placement says, copy the tree into its empty module from a client under a launcher,
     * verify every file (or stop the client at a time cap) and stop the daemon.
     *
     * @param rsync          the rsync binary.
     * @param work           directory for the daemon's configuration, log and target.
     * @param source         tree to copy.
     * @param bytes          bytes in the tree.
     * @param name           short key of the run.
     * @param daemon         where the daemon runs and listens.
     * @param clientLauncher command put before the client's, e.g. {@code ip netns exec ferry-a}.
     * @param capSeconds     time after which the client is stopped and the rate taken from what arrived.
     * @return the measurement.
     * @throws IOException if rsync fails or cannot be started.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static RunResult run(
        final Path rsync,
        final Path work,
        final Path source,
        final long bytes,
        final String name,
        final HubPlacement daemon,
        final List<String> clientLauncher,
        final long capSeconds) throws IOException, InterruptedException
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
        final List<String> daemonCommand = new ArrayList<>(daemon.launcher());
        daemonCommand.addAll(List.of(rsync.toString(), "--daemon", "--no-detach", "--config=" + config,
            "--address=" + daemon.listenHost(), "--port=" + port));
        final List<String> clientCommand = new ArrayList<>(clientLauncher);
        clientCommand.addAll(List.of(rsync.toString(), "-a", "--whole-file", source + "/",
            "rsync://" + daemon.transportHost() + ":" + port + "/" + MODULE + "/"));
        final Process process = new ProcessBuilder(daemonCommand)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("daemon.out").toFile())
            .start();
        try
        {
            TcpListening.await("rsync daemon", daemon.apiHost(), port, process, START_TIMEOUT_MS);
            final String where = daemon.launcher().isEmpty() ? "over loopback TCP" : "over TCP to " +
                daemon.transportHost();
            final ProcessCpu before = ProcessCpu.ofTree(process.toHandle());
            final RunResult result = BoundedCopy.run(name, "rsync daemon --whole-file " + where +
                " into an empty target", clientCommand, work.resolve("client.out"), source, target, bytes, capSeconds)
                .with("daemon_command", String.join(" ", daemonCommand));
            return BoundedCopy.withServerCpu(result, process.toHandle(), before);
        }
        finally
        {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
        }
    }
}
