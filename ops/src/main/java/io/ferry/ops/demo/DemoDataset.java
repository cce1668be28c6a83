package io.ferry.ops.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Generates a reproducible dataset tree: nested directories, an empty file, an empty directory, names with spaces
 * and non-ASCII characters, and file sizes spread from bytes to megabytes.
 */
public final class DemoDataset
{
    private static final String[] TOP = { "shards", "reports 2026", "données", "元数据" };
    private static final String[] MIDDLE = { "part-a", "part b", "tête", "x" };

    private DemoDataset()
    {
    }

    /**
     * Write the dataset.
     *
     * @param root       empty or missing directory to fill.
     * @param totalBytes bytes across all files (approximately, within one file's rounding).
     * @param files      number of files, at least 3.
     * @param seed       seed of the content and layout.
     * @return bytes written.
     * @throws IOException on a write failure.
     */
    public static long generate(final Path root, final long totalBytes, final int files, final long seed)
        throws IOException
    {
        if (files < 3)
        {
            throw new IllegalArgumentException("files must be at least 3: " + files);
        }
        final SplittableRandom random = new SplittableRandom(seed);
        Files.createDirectories(root.resolve("empty dir"));
        Files.createDirectories(root.resolve(TOP[0]));
        Files.write(root.resolve("empty file"), new byte[0]);

        final double[] weights = new double[files - 1];
        double sum = 0;
        for (int i = 0; i < weights.length; i++)
        {
            final double u = random.nextDouble();
            weights[i] = u * u * u;
            sum += weights[i];
        }

        final byte[] block = new byte[1024 * 1024];
        long written = 0;
        for (int i = 0; i < weights.length; i++)
        {
            final long size = i == weights.length - 1 ? Math.max(0, totalBytes - written) :
                (long)(totalBytes * (weights[i] / sum));
            final Path dir = root.resolve(TOP[i % TOP.length]).resolve(MIDDLE[(i / TOP.length) % MIDDLE.length])
                .resolve("d" + (i % 7));
            Files.createDirectories(dir);
            final String name = (i % 5 == 0 ? "résumé ü " : i % 5 == 1 ? "file with spaces " : "f-") + i + ".bin";
            try (OutputStream out = Files.newOutputStream(dir.resolve(name)))
            {
                long left = size;
                while (left > 0)
                {
                    fill(random, block);
                    final int n = (int)Math.min(block.length, left);
                    out.write(block, 0, n);
                    left -= n;
                }
            }
            written += size;
        }
        return written;
    }

    private static void fill(final SplittableRandom random, final byte[] block)
    {
        for (int i = 0; i < block.length; i += 8)
        {
            long v = random.nextLong();
            for (int k = 0; k < 8; k++)
            {
                block[i + k] = (byte)v;
                v >>>= 8;
            }
        }
    }
}
