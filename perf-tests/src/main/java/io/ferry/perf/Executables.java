package io.ferry.perf;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the peer tools the harnesses run (rsync, GridFTP) on the PATH and in the system binary directories.
 */
public final class Executables
{
    private Executables()
    {
    }

    /**
     * An executable by name.
     *
     * @param name file name, e.g. {@code rsync}.
     * @return its path, or empty when it is not installed.
     */
    public static Optional<Path> find(final String name)
    {
        final String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
        for (final String dir : path.split(File.pathSeparator))
        {
            final Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate))
            {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
