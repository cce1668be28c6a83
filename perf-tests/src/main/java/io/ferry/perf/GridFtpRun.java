package io.ferry.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Copies a tree with {@code globus-url-copy -p N} to a GridFTP server (anonymous, as a throwaway user, since the
 * server refuses to serve as root), as the parallel-stream TCP peer of issue 6, in the WAN lab's namespaces or on
 * loopback. The CPU time of both ends is recorded: the client's, and the server's with the child it forks for the
 * session.
 */
public final class GridFtpRun
{
    /** What to run when GridFTP is missing. */
    public static final String INSTALL_HINT = "apt-get install -y globus-gridftp-server-progs globus-gass-copy-progs";

    /** The throwaway user the server switches to. */
    public static final String USER = "ferry-gridftp";

    private static final long START_TIMEOUT_MS = 10_000;

    private GridFtpRun()
    {
    }

    /**
     * The server and client binaries.
     *
     * @return the server's path, or empty when either is not installed.
     */
    public static Optional<Path> findServer()
    {
        final Optional<Path> server = Executables.find("globus-gridftp-server");
        return server.isPresent() && Executables.find("globus-url-copy").isPresent() ? server : Optional.empty();
    }

    /**
     * Start the server on loopback, copy the tree into an empty directory with {@code streams} parallel streams,
     * verify every file and stop the server.
     *
     * @param server     the globus-gridftp-server binary.
     * @param work       directory for the target and logs; made traversable for the throwaway user.
     * @param source     tree to copy.
     * @param bytes      bytes in the tree.
     * @param streams    parallel TCP streams ({@code -p}).
     * @param capSeconds time after which the client is stopped and the rate taken from what arrived.
     * @return the measurement.
     * @throws IOException if the server or client fails.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static RunResult run(
        final Path server,
        final Path work,
        final Path source,
        final long bytes,
        final int streams,
        final long capSeconds) throws IOException, InterruptedException
    {
        return run(server, work, source, bytes, streams, HubPlacement.LOOPBACK, List.of(), capSeconds);
    }

    /**
     * Start the server where a placement says, copy the tree into an empty directory with {@code streams} parallel
     * streams, verify every file (or stop at the cap) and stop the server.
     *
     * @param server         the globus-gridftp-server binary.
     * @param work           directory for the target and logs; made traversable for the throwaway user.
     * @param source         tree to copy.
     * @param bytes          bytes in the tree.
     * @param streams        parallel TCP streams ({@code -p}).
     * @param daemon         where the server runs and listens.
     * @param clientLauncher command put before the client's.
     * @param capSeconds     time after which the client is stopped and the rate taken from what arrived.
     * @return the measurement.
     * @throws IOException if the server or client fails.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static RunResult run(
        final Path server,
        final Path work,
        final Path source,
        final long bytes,
        final int streams,
        final HubPlacement daemon,
        final List<String> clientLauncher,
        final long capSeconds) throws IOException, InterruptedException
    {
        ensureUser();
        final Path target = Files.createDirectories(work.resolve("target"));
        final UserPrincipal user = work.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
        Files.setOwner(target, user);
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        final int port = FreePorts.tcp();
        final List<String> serverCommand = new ArrayList<>(daemon.launcher());
        serverCommand.addAll(List.of(server.toString(), "-aa", "-anonymous-user", USER, "-p", Integer.toString(port),
            "-data-interface", daemon.transportHost()));
        final List<String> clientCommand = new ArrayList<>(clientLauncher);
        clientCommand.addAll(List.of("globus-url-copy", "-fast", "-p", Integer.toString(streams), "-r", "-cd",
            "file://" + source + "/", "ftp://" + daemon.transportHost() + ":" + port + target + "/"));
        final Process process = new ProcessBuilder(serverCommand)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("server.out").toFile())
            .start();
        try
        {
            TcpListening.await("GridFTP server", daemon.apiHost(), port, process, START_TIMEOUT_MS);
            final ProcessCpu before = ProcessCpu.ofTree(process.toHandle());
            final RunResult result = BoundedCopy.run("gridftp-p" + streams, "GridFTP globus-url-copy -fast -p " +
                streams + " to " + daemon.transportHost() + ", anonymous server as user " + USER, clientCommand,
                work.resolve("client.out"), source, target, bytes, capSeconds)
                .with("server_command", String.join(" ", serverCommand));
            return BoundedCopy.withServerCpu(result, process.toHandle(), before);
        }
        finally
        {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
        }
    }

    private static void ensureUser() throws IOException, InterruptedException
    {
        final Process id = new ProcessBuilder("id", "-u", USER).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (id.waitFor() == 0)
        {
            return;
        }
        final Process add = new ProcessBuilder("useradd", "--system", "--no-create-home", "--shell",
            "/usr/sbin/nologin", USER).inheritIO().start();
        if (add.waitFor() != 0)
        {
            throw new IOException("useradd " + USER + " failed with " + add.exitValue());
        }
    }
}
