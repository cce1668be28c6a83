package io.ferry.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes directory trees the harness made.
 */
public final class Trees
{
    private Trees()
    {
    }

    /**
     * Delete a tree, depth first, without following symbolic links; a missing tree is fine.
     *
     * @param root the tree.
     * @throws IOException if an entry cannot be deleted.
     */
    public static void delete(final Path root) throws IOException
    {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toArray(Path[]::new))
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
