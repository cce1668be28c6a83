package io.ferry.systemtest;

import io.ferry.ops.demo.DemoDataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A reader of {@code <dataset root>/current} running beside a test: every observation of a version must list exactly
 * the files (path and size) expected of that version, so a partial or altered version is recorded as a violation.
 */
final class CurrentReader implements AutoCloseable
{
    private final Path root;
    private final Map<String, Map<String, Long>> expected;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger observations = new AtomicInteger();
    private final List<String> violations = new ArrayList<>();
    private final Thread thread;

    private CurrentReader(final Path root, final Map<String, Map<String, Long>> expected)
    {
        this.root = root;
        this.expected = expected;
        this.thread = new Thread(this::run, "current-reader");
    }

    /**
     * Start reading.
     *
     * @param root     dataset root on the target.
     * @param expected version label to its files (see {@link #listFiles}).
     * @return the running reader.
     */
    static CurrentReader start(final Path root, final Map<String, Map<String, Long>> expected)
    {
        final CurrentReader reader = new CurrentReader(root, expected);
        reader.thread.start();
        return reader;
    }

    int observations()
    {
        return observations.get();
    }

    List<String> violations()
    {
        synchronized (violations)
        {
            return new ArrayList<>(violations);
        }
    }

    private void run()
    {
        while (!stop.get())
        {
            final Path link = root.resolve("current");
            if (Files.isSymbolicLink(link))
            {
                observe(link);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private void observe(final Path link)
    {
        try
        {
            final String version = Files.readSymbolicLink(link).toString();
            final Map<String, Long> seen = listFiles(root.resolve(version));
            observations.incrementAndGet();
            if (!seen.equals(expected.get(version)))
            {
                violation(version + " seen incomplete or altered: " + seen.size() + " entries");
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            violation("reader failed: " + ex);
        }
    }

    private void violation(final String what)
    {
        synchronized (violations)
        {
            violations.add(what);
        }
    }

    /**
     * Generate a seeded {@link DemoDataset} and list it, as the expected files of a version.
     *
     * @param root  directory to fill.
     * @param bytes bytes across all files.
     * @param files number of files.
     * @param seed  seed of content and layout.
     * @return the listing (see {@link #listFiles}).
     */
    static Map<String, Long> generateDataset(final Path root, final long bytes, final int files, final long seed)
        throws IOException
    {
        DemoDataset.generate(root, bytes, files, seed);
        return listFiles(root);
    }

    /**
     * Files and directories under a root: relative path to size, directories with a trailing slash and size -1.
     *
     * @param root tree to list.
     * @return listing.
     */
    static Map<String, Long> listFiles(final Path root) throws IOException
    {
        final Map<String, Long> files = new HashMap<>();
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.toList())
            {
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                {
                    files.put(root.relativize(path).toString(), Files.size(path));
                }
                else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && !path.equals(root))
                {
                    files.put(root.relativize(path) + "/", -1L);
                }
            }
        }
        return files;
    }

    public void close() throws InterruptedException
    {
        stop.set(true);
        thread.join();
    }
}
