package io.ferry.replication.manifest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * One immutable version of a dataset: its entries, their chunk hashes, its encoding and the digest that names it.
 */
public final class Manifest
{
    /** Length of a chunk hash (SHA-256) in bytes. */
    public static final int HASH_LENGTH = 32;
    /** Smallest chunk length a manifest may use. */
    public static final int MIN_CHUNK_LENGTH = 64 * 1024;
    /** Largest chunk length a manifest may use. */
    public static final int MAX_CHUNK_LENGTH = 1024 * 1024 * 1024;
    /** Most chunks one file may have: the largest count an SBE group with a uint16 count may carry. */
    public static final int MAX_CHUNKS_PER_FILE = 65_534;

    private final int chunkLength;
    private final long totalBytes;
    private final List<ManifestEntry> entries;
    private final int fileCount;
    private final byte[] chunkHashes;
    /** First chunk of each file that has chunks, ascending; searched to map a chunk to its file. */
    private final int[] chunkedFirstChunks;
    /** Entry index of the file at the same position of {@link #chunkedFirstChunks}. */
    private final int[] chunkedEntryIndices;
    private final byte[] encoded;
    private final byte[] digest;
    private final String digestHex;

    /**
     * Take ownership of already validated parts; only {@link ManifestCodec} constructs manifests.
     */
    Manifest(final int chunkLength, final List<ManifestEntry> entries, final byte[] chunkHashes, final byte[] encoded)
    {
        this.chunkLength = chunkLength;
        this.entries = Collections.unmodifiableList(entries);
        this.chunkHashes = chunkHashes;
        this.encoded = encoded;

        long bytes = 0;
        int files = 0;
        int chunkedFiles = 0;
        for (final ManifestEntry entry : entries)
        {
            bytes += entry.size();
            files += entry.directory() ? 0 : 1;
            chunkedFiles += entry.chunkCount() > 0 ? 1 : 0;
        }
        this.totalBytes = bytes;
        this.fileCount = files;

        chunkedFirstChunks = new int[chunkedFiles];
        chunkedEntryIndices = new int[chunkedFiles];
        int position = 0;
        for (int i = 0; i < entries.size(); i++)
        {
            if (entries.get(i).chunkCount() > 0)
            {
                chunkedFirstChunks[position] = entries.get(i).firstChunk();
                chunkedEntryIndices[position] = i;
                position++;
            }
        }

        digest = sha256().digest(encoded);
        digestHex = HexFormat.of().formatHex(digest);
    }

    /**
     * Length of every chunk except possibly the last of each file.
     *
     * @return chunk length in bytes.
     */
    public int chunkLength()
    {
        return chunkLength;
    }

    /**
     * Sum of the sizes of all files.
     *
     * @return total bytes.
     */
    public long totalBytes()
    {
        return totalBytes;
    }

    /**
     * Number of entries, files and directories.
     *
     * @return entry count.
     */
    public int entryCount()
    {
        return entries.size();
    }

    /**
     * The entry at a position in manifest order.
     *
     * @param index 0-based entry index.
     * @return the entry.
     */
    public ManifestEntry entry(final int index)
    {
        return entries.get(index);
    }

    /**
     * All entries in manifest order (see {@link ManifestCodec}).
     *
     * @return an unmodifiable list.
     */
    public List<ManifestEntry> entries()
    {
        return entries;
    }

    /**
     * Number of entries that are files.
     *
     * @return file count.
     */
    public int fileCount()
    {
        return fileCount;
    }

    /**
     * Number of chunks over all files.
     *
     * @return chunk count.
     */
    public int chunkCount()
    {
        return chunkHashes.length / HASH_LENGTH;
    }

    /**
     * Copy the SHA-256 hash of a chunk.
     *
     * @param chunkIndex chunk to read.
     * @param dst        destination of {@link #HASH_LENGTH} bytes.
     * @param dstOffset  offset in {@code dst}.
     */
    public void chunkHash(final int chunkIndex, final byte[] dst, final int dstOffset)
    {
        System.arraycopy(chunkHashes, hashOffset(chunkIndex), dst, dstOffset, HASH_LENGTH);
    }

    /**
     * Whether a chunk's hash equals {@link #HASH_LENGTH} bytes of {@code hash} from {@code offset}.
     *
     * @param chunkIndex chunk to compare.
     * @param hash       array holding the other hash.
     * @param offset     offset of the other hash.
     * @return true when equal.
     */
    public boolean chunkHashEquals(final int chunkIndex, final byte[] hash, final int offset)
    {
        final int hashOffset = hashOffset(chunkIndex);
        return Arrays.equals(
            chunkHashes, hashOffset, hashOffset + HASH_LENGTH, hash, offset, offset + HASH_LENGTH);
    }

    /**
     * Index of the file entry a chunk belongs to, by binary search.
     *
     * @param chunkIndex chunk to locate.
     * @return entry index.
     */
    public int entryIndexOfChunk(final int chunkIndex)
    {
        checkChunkIndex(chunkIndex);

        int low = 0;
        int high = chunkedFirstChunks.length - 1;
        while (low < high)
        {
            final int middle = (low + high + 1) >>> 1;
            if (chunkedFirstChunks[middle] <= chunkIndex)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return chunkedEntryIndices[low];
    }

    /**
     * Offset of a chunk within its file.
     *
     * @param chunkIndex chunk to locate.
     * @return byte offset in the file.
     */
    public long chunkFileOffset(final int chunkIndex)
    {
        final ManifestEntry entry = entries.get(entryIndexOfChunk(chunkIndex));
        return (long)(chunkIndex - entry.firstChunk()) * chunkLength;
    }

    /**
     * Length of a chunk: {@link #chunkLength()}, or less for the last chunk of a file.
     *
     * @param chunkIndex chunk to measure.
     * @return length in bytes.
     */
    public int chunkLengthOf(final int chunkIndex)
    {
        final ManifestEntry entry = entries.get(entryIndexOfChunk(chunkIndex));
        final long offset = (long)(chunkIndex - entry.firstChunk()) * chunkLength;
        return (int)Math.min(chunkLength, entry.size() - offset);
    }

    /**
     * The encoded manifest, as sent to peers and hashed into {@link #digest()}.
     *
     * @return a copy of the SBE bytes.
     */
    public byte[] encoded()
    {
        return encoded.clone();
    }

    /**
     * SHA-256 of {@link #encoded()}; identifies the version.
     *
     * @return a copy of the 32-byte digest.
     */
    public byte[] digest()
    {
        return digest.clone();
    }

    /**
     * {@link #digest()} as lower-case hex.
     *
     * @return 64 hex characters.
     */
    public String digestHex()
    {
        return digestHex;
    }

    /**
     * A summary for logs.
     *
     * @return digest, entry, file, chunk and byte counts.
     */
    public String toString()
    {
        return "Manifest{digest=" + digestHex + ", entries=" + entries.size() + ", files=" + fileCount +
            ", chunks=" + chunkCount() + ", totalBytes=" + totalBytes + ", chunkLength=" + chunkLength + "}";
    }

    static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }

    private int hashOffset(final int chunkIndex)
    {
        checkChunkIndex(chunkIndex);
        return chunkIndex * HASH_LENGTH;
    }

    private void checkChunkIndex(final int chunkIndex)
    {
        if (chunkIndex < 0 || chunkIndex >= chunkCount())
        {
            throw new IndexOutOfBoundsException("chunk " + chunkIndex + " is outside 0.." + (chunkCount() - 1));
        }
    }
}
