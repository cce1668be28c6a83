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
 * in the target divided by the cap, unverified.
 */
public final class BoundedCopy
{
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
        final Process client = new ProcessBuilder(command)
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
            final TreeComparison comparison = TreeComparison.compare(source, target);
            return new RunResult(name, description, bytes, seconds, bytes / seconds, comparison.matches())
                .with("capped", false)
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
