package io.ferry.replication.manifest;

import io.ferry.codec.EntryType;
import io.ferry.codec.ManifestEntryEncoder;
import io.ferry.codec.ManifestHeaderEncoder;
import io.ferry.codec.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * Encodes manifests to, and decodes and validates them from, their SBE form.
 * <p>
 * Layout: one {@code ManifestHeader} message followed by {@code entryCount} {@code ManifestEntry} messages, each with
 * its message header; an entry's {@code chunks} group holds its file's chunk hashes in order. Entries are in the order
 * of {@link PathRules}: paths compared component by component, components by Unicode code point, so a directory
 * comes before everything inside it. Chunks are numbered from 0 contiguously in entry order.
 * Encoding is deterministic: encode, decode and encode again gives the same bytes.
 */
public final class ManifestCodec
{
    static final int MESSAGE_HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    /** An entry with no chunks and an empty path: message header, block, group header and path length. */
    static final int MIN_ENTRY_LENGTH = MESSAGE_HEADER_LENGTH + ManifestEntryEncoder.BLOCK_LENGTH +
        ManifestEntryEncoder.ChunksEncoder.HEADER_SIZE + ManifestEntryEncoder.pathHeaderLength();
    /** Largest byte array the JVM reliably allocates. */
    static final int MAX_ENCODED_LENGTH = Integer.MAX_VALUE - 8;

    private ManifestCodec()
    {
    }

    /**
     * Encode a manifest, checking its entries by the same rules {@link #decode} applies (without limits).
     *
     * @param chunkLength chunk length, a power of two between 64 KiB and 1 GiB.
     * @param entries     entries in manifest order, chunks numbered contiguously.
     * @param chunkHashes the hashes of all chunks in order, {@link Manifest#HASH_LENGTH} bytes each.
     * @return the encoded manifest.
     * @throws IllegalArgumentException when the entries break a rule, saying which and how.
     */
    public static byte[] encode(final int chunkLength, final List<ManifestEntry> entries, final byte[] chunkHashes)
    {
        final byte[][] paths = new byte[entries.size()][];
        long encodedLength = MESSAGE_HEADER_LENGTH + ManifestHeaderEncoder.BLOCK_LENGTH;
        final ManifestValidator validator;
        try
        {
            validator = new ManifestValidator(chunkLength, ManifestLimits.UNBOUNDED);
            for (int i = 0; i < paths.length; i++)
            {
                final ManifestEntry entry = entries.get(i);
                paths[i] = pathBytes(i, entry.path());
                validator.checkEntry(i, entry);
                encodedLength += MIN_ENTRY_LENGTH + (long)entry.chunkCount() * Manifest.HASH_LENGTH + paths[i].length;
            }
        }
        catch (final ManifestException ex)
        {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }

        if ((long)validator.chunkCount() * Manifest.HASH_LENGTH != chunkHashes.length)
        {
            throw new IllegalArgumentException("entries have " + validator.chunkCount() + " chunks but " +
                chunkHashes.length + " bytes of hashes were given");
        }
        if (encodedLength > MAX_ENCODED_LENGTH)
        {
            throw new IllegalArgumentException("manifest would be " + encodedLength + " bytes, more than " +
                MAX_ENCODED_LENGTH + "; use a larger chunk length or fewer files");
        }

        final byte[] bytes = new byte[(int)encodedLength];
        write(new UnsafeBuffer(bytes), chunkLength, validator, entries, paths, chunkHashes);

        return bytes;
    }

    /**
     * Decode a manifest received from a peer, validating everything about it.
     *
     * @param bytes  array holding the encoded manifest from index 0.
     * @param length number of bytes of the manifest.
     * @param limits bounds the manifest must stay within.
     * @return the manifest; its {@link Manifest#encoded()} is exactly the given bytes.
     * @throws ManifestException when the manifest is malformed, inconsistent or beyond the limits.
     */
    public static Manifest decode(final byte[] bytes, final int length, final ManifestLimits limits)
        throws ManifestException
    {
        if (length < 0 || length > bytes.length)
        {
            throw new IllegalArgumentException("length " + length + " outside 0.." + bytes.length);
        }

        return new ManifestReader(bytes, length, limits).read();
    }

    /**
     * Encode entries built locally and wrap them in a manifest.
     */
    static Manifest toManifest(final int chunkLength, final List<ManifestEntry> entries, final byte[] chunkHashes)
    {
        return new Manifest(chunkLength, entries, chunkHashes, encode(chunkLength, entries, chunkHashes));
    }

    private static byte[] pathBytes(final int index, final String path) throws ManifestException
    {
        final byte[] bytes = PathRules.encodeStrictly(path);
        if (null == bytes)
        {
            throw ManifestException.ofEntry(index, path, "path is not valid Unicode");
        }

        final String problem = PathRules.violation(bytes, 0, bytes.length, Integer.MAX_VALUE);
        if (null != problem)
        {
            throw ManifestException.ofEntry(index, path, problem);
        }

        return bytes;
    }

    private static void write(
        final UnsafeBuffer buffer,
        final int chunkLength,
        final ManifestValidator validator,
        final List<ManifestEntry> entries,
        final byte[][] paths,
        final byte[] chunkHashes)
    {
        final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
        final ManifestHeaderEncoder manifestHeader = new ManifestHeaderEncoder()
            .wrapAndApplyHeader(buffer, 0, headerEncoder)
            .chunkLength(chunkLength)
            .totalBytes(validator.totalBytes())
            .entryCount(entries.size())
            .chunkCount(validator.chunkCount());

        final ManifestEntryEncoder entryEncoder = new ManifestEntryEncoder();
        int position = manifestHeader.limit();
        for (int i = 0; i < paths.length; i++)
        {
            final ManifestEntry entry = entries.get(i);
            entryEncoder.wrapAndApplyHeader(buffer, position, headerEncoder)
                .entryType(entry.directory() ? EntryType.DIRECTORY : EntryType.FILE)
                .mode(entry.mode())
                .size(entry.size())
                .mtimeMs(entry.mtimeMs())
                .firstChunk(entry.firstChunk());

            final ManifestEntryEncoder.ChunksEncoder chunks = entryEncoder.chunksCount(entry.chunkCount());
            for (int chunk = entry.firstChunk(), end = chunk + entry.chunkCount(); chunk < end; chunk++)
            {
                chunks.next().putHash(chunkHashes, chunk * Manifest.HASH_LENGTH, Manifest.HASH_LENGTH);
            }
            entryEncoder.putPath(paths[i], 0, paths[i].length);
            position = entryEncoder.limit();
        }
    }
}
