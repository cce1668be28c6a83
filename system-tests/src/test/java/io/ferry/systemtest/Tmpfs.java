package io.ferry.systemtest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Mounts a small tmpfs on a directory, for a dataset root that fills up; needs root.
 */
final class Tmpfs
{
    private Tmpfs()
    {
    }

    /**
     * Mount a tmpfs of the given size on an existing directory.
     *
     * @param dir  mount point.
     * @param size size as mount(8) takes it, e.g. {@code 8m}.
     * @return true if mounted, false if this process may not mount (not root).
     */
    static boolean mount(final Path dir, final String size) throws InterruptedException
    {
        try
        {
            final Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs",
                dir.toString()).redirectErrorStream(true).start();
            return mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * Unmount what {@link #mount} mounted.
     *
     * @param dir mount point.
     */
    static void unmount(final Path dir) throws IOException, InterruptedException
    {
        new ProcessBuilder("umount", dir.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }
}
