package io.ferry.perf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * Writes a reproducible, incompressible dataset: half of the bytes in one large file, the other half spread evenly
 * over {@link #SMALL_FILES} files, as a mix of one big shard and many small ones.
 */
public final class PerfDataset
{
    /** Number of small files. */
    public static final int SMALL_FILES = 256;

    private static final int BLOCK_LENGTH = 1024 * 1024;

    private PerfDataset()
    {
    }

    /**
     * Write the dataset.
     *
     * @param root       missing or empty directory to fill.
     * @param totalBytes bytes across all files, at least {@link #SMALL_FILES} × 2.
     * @param seed       seed of the content.
     * @return number of files written.
     * @throws IOException on a write failure.
     */
    public static int generate(final Path root, final long totalBytes, final long seed) throws IOException
    {
        if (totalBytes < 2L * SMALL_FILES)
        {
            throw new IllegalArgumentException("dataset size " + totalBytes + " is below " + 2 * SMALL_FILES + " bytes");
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        final Path small = Files.createDirectories(root.resolve("small"));
        final long largeBytes = totalBytes / 2;
        write(root.resolve("large.bin"), largeBytes, random, block);

        final long smallBytes = totalBytes - largeBytes;
        for (int i = 0; i < SMALL_FILES; i++)
        {
            final long size = smallBytes / SMALL_FILES + (i < smallBytes % SMALL_FILES ? 1 : 0);
            write(small.resolve(String.format("part-%03d.bin", i)), size, random, block);
        }
        return SMALL_FILES + 1;
    }

    private static void write(final Path file, final long size, final SplittableRandom random, final ByteBuffer block)
        throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            long left = size;
            while (left > 0)
            {
                block.clear();
                for (int i = 0; i < BLOCK_LENGTH; i += Long.BYTES)
                {
                    block.putLong(i, random.nextLong());
                }
                block.limit((int)Math.min(BLOCK_LENGTH, left));
                while (block.hasRemaining())
                {
                    left -= channel.write(block);
                }
            }
        }
    }
}
