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
 * Writes a reproducible, incompressible dataset: by default half of the bytes in one large file, the other half spread
 * evenly over {@link #SMALL_FILES} files, as a mix of one big shard and many small ones; or any large file and number
 * of small files a scenario names.
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
        final long largeBytes = totalBytes / 2;
        return generate(root, largeBytes, SMALL_FILES, totalBytes - largeBytes, seed);
    }

    /**
     * Write a dataset of one large file ({@code large.bin}, left out when its size is 0) and small files under
     * {@code small/}, numbered in order, whose sizes differ by at most one byte.
     *
     * @param root       missing or empty directory to fill.
     * @param largeBytes size of the large file, 0 for none.
     * @param smallFiles number of small files.
     * @param smallBytes bytes across the small files, at least one per file.
     * @param seed       seed of the content.
     * @return number of files written.
     * @throws IOException on a write failure.
     */
    public static int generate(
        final Path root, final long largeBytes, final int smallFiles, final long smallBytes, final long seed)
        throws IOException
    {
        if (smallFiles > 0 && smallBytes < smallFiles)
        {
            throw new IllegalArgumentException(smallBytes + " bytes cannot fill " + smallFiles + " files");
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        Files.createDirectories(root);
        int files = 0;
        if (largeBytes > 0)
        {
            write(root.resolve("large.bin"), largeBytes, random, block);
            files++;
        }
        final Path small = Files.createDirectories(root.resolve("small"));
        final String name = "part-%0" + Integer.toString(Math.max(0, smallFiles - 1)).length() + "d.bin";
        for (int i = 0; i < smallFiles; i++)
        {
            final long size = smallBytes / smallFiles + (i < smallBytes % smallFiles ? 1 : 0);
            write(small.resolve(String.format(name, i)), size, random, block);
            files++;
        }
        return files;
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
                final int length = (int)Math.min(BLOCK_LENGTH, left);
                // Fill only what is written, in whole longs: a 16-KiB file must not cost a 1-MiB block of randomness.
                for (int i = 0; i < length; i += Long.BYTES)
                {
                    block.putLong(i, random.nextLong());
                }
                block.limit(length);
                while (block.hasRemaining())
                {
                    left -= channel.write(block);
                }
            }
        }
    }
}
