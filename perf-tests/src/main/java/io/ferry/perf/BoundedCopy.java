package io.ferry.perf;

import io.ferry.ops.demo.TreeComparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a copy client to completion, or until a time cap for tools that crawl on a lossy link, and measures what
 * arrived: a finished copy is verified file by file (SHA-256); a capped one is stopped and its rate is the bytes found
 * in the target divided by the cap, unverified. The client runs under a bash that reports the CPU time of the client
 * and everything it waited for ({@link ProcessCpu#timed}), recorded as {@value #CLIENT_CPU_KEY} of a finished copy.
 */
public final class BoundedCopy
{
    /** Detail key of the client's CPU time, user and system seconds. */
    public static final String CLIENT_CPU_KEY = "cpu_seconds_client";
    /** Detail key of the server's CPU time during the copy, its forked children included. */
    public static final String SERVER_CPU_KEY = "cpu_seconds_server";

    private static final long REAP_TIMEOUT_MS = 10_000;

    private BoundedCopy()
    {
    }

    /**
     * Run the copy.
     *
     * @param name        short key of the run.
     * @param description what was measured.
     * @param command     the client's command line, launcher included.
     * @param output      file for the client's stdout and stderr.
     * @param source      tree copied.
     * @param target      where the copy lands.
     * @param bytes       bytes in the tree.
     * @param capSeconds  time after which the client is stopped.
     * @return the measurement, with {@code capped} true or false among its details.
     * @throws IOException if the client fails or cannot be started.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static RunResult run(
        final String name,
        final String description,
        final List<String> command,
        final Path output,
        final Path source,
        final Path target,
        final long bytes,
        final long capSeconds) throws IOException, InterruptedException
    {
        final long startNs = System.nanoTime();
        final Path timesFile = output.resolveSibling(output.getFileName() + ".times");
        final Process client = new ProcessBuilder(ProcessCpu.timed(command, timesFile))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        if (client.waitFor(capSeconds, TimeUnit.SECONDS))
        {
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            if (client.exitValue() != 0)
            {
                throw new IOException(name + ": " + command.get(0) + " exited with " + client.exitValue() + "; see " +
                    output);
            }
            final ProcessCpu cpu = ProcessCpu.readTimes(timesFile).orElseThrow(() -> new IOException(
                name + ": the wrapper shell wrote no CPU times to " + timesFile));
            final TreeComparison comparison = TreeComparison.compare(source, target);
            return new RunResult(name, description, bytes, seconds, bytes / seconds, comparison.matches())
                .with("capped", false)
                .with(CLIENT_CPU_KEY, cpu)
                .with("problems", comparison.problems().stream().limit(10).toList())
                .with("client_command", String.join(" ", command));
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        client.descendants().forEach(ProcessHandle::destroyForcibly);
        client.destroyForcibly();
        client.waitFor(10, TimeUnit.SECONDS);
        final long arrived = bytesUnder(target);
        return new RunResult(name, description + "; stopped at the " + capSeconds + "-s cap, rate from the " +
            "bytes that had arrived", arrived, seconds, arrived / seconds, null)
            .with("capped", true)
            .with("client_command", String.join(" ", command));
    }

    /**
     * Add the server's CPU time since a measurement taken before the copy, once it has reaped the children it forked
     * for the connection, and, where the client's is known, the sum of both ends ({@link ProcessCpu#BOTH_ENDS_KEY}).
     *
     * @param result the copy's result.
     * @param server the server process.
     * @param before the server's CPU time, children included, before the copy.
     * @return the result.
     * @throws InterruptedException if interrupted while waiting for the children to end.
     */
    public static RunResult withServerCpu(final RunResult result, final ProcessHandle server, final ProcessCpu before)
        throws InterruptedException
    {
        final boolean reaped = ProcessCpu.awaitChildrenReaped(server, REAP_TIMEOUT_MS);
        final ProcessCpu used = ProcessCpu.ofTree(server).minus(before);
        result.with(SERVER_CPU_KEY, used).with("server_children_reaped", reaped);
        if (result.details().get(CLIENT_CPU_KEY) instanceof ProcessCpu client)
        {
            result.with(ProcessCpu.BOTH_ENDS_KEY, client.plus(used).seconds());
        }
        return result;
    }

    private static long bytesUnder(final Path root) throws IOException
    {
        if (!Files.exists(root))
        {
            return 0;
        }
        // The server may still rename or delete its temporary files while they are counted: skip what vanished.
        final long[] total = { 0 };
        Files.walkFileTree(root, new SimpleFileVisitor<>()
        {
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs)
            {
                if (attrs.isRegularFile())
                {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            public FileVisitResult visitFileFailed(final Path file, final IOException ex)
            {
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }
}
