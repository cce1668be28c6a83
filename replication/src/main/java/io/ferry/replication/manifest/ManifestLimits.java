package io.ferry.replication.manifest;

/**
 * Bounds a received manifest must stay within, so that a hostile peer cannot exhaust memory or disk.
 *
 * @param maxEntries    most entries (files and directories).
 * @param maxTotalBytes largest sum of file sizes.
 * @param maxPathBytes  longest path in UTF-8 bytes.
 * @param maxChunks     most chunks over all files.
 */
public record ManifestLimits(int maxEntries, long maxTotalBytes, int maxPathBytes, int maxChunks)
{
    private static final ManifestLimits DEFAULTS = new ManifestLimits(10_000_000, 1L << 50, 4096, 64 << 20);

    /** No bounds beyond what the encoding itself can hold; used when encoding, since limits are the receiver's. */
    static final ManifestLimits UNBOUNDED =
        new ManifestLimits(Integer.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    /**
     * Reject negative bounds.
     */
    public ManifestLimits
    {
        if (maxEntries < 0 || maxTotalBytes < 0 || maxPathBytes < 0 || maxChunks < 0)
        {
            throw new IllegalArgumentException("manifest limits must not be negative: maxEntries=" + maxEntries +
                " maxTotalBytes=" + maxTotalBytes + " maxPathBytes=" + maxPathBytes + " maxChunks=" + maxChunks);
        }
    }

    /**
     * The default limits: 10,000,000 entries, 1 PiB, 4096 path bytes and 64 Mi chunks.
     *
     * @return the default limits.
     */
    public static ManifestLimits defaults()
    {
        return DEFAULTS;
    }
}
