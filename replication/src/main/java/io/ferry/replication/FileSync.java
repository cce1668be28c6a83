package io.ferry.replication;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * fsync for files and directories, so that a rename is durable only after what it names is.
 */
final class FileSync
{
    private FileSync()
    {
    }

    static void force(final Path path) throws IOException
    {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            channel.force(true);
        }
    }
}
