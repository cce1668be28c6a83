package io.ferry.replication.manifest;

import io.ferry.codec.ManifestEntryEncoder;
import io.ferry.codec.ManifestHeaderEncoder;
import io.ferry.codec.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes manifest bytes without any validation, so that tests can hand the decoder exactly the hostile input they
 * want: wrong counts, bad paths, odd block lengths, newer versions.
 */
final class RawManifestWriter
{
    static final int CHUNK_LENGTH = Manifest.MIN_CHUNK_LENGTH;
    static final int FILE = 0;
    static final int DIRECTORY = 1;

    private record RawEntry(int type, int mode, long size, int firstChunk, int chunkCount, byte[] path)
    {
    }

    private final List<RawEntry> entries = new ArrayList<>();
    private int chunkLength = CHUNK_LENGTH;
    private Long totalBytes;
    private Integer entryCount;
    private Integer chunkCount;
    private int version = MessageHeaderEncoder.SCHEMA_VERSION;
    private int blockExtension;
    private int hashExtension;
    private int nextChunk;

    RawManifestWriter chunkLength(final int chunkLength)
    {
        this.chunkLength = chunkLength;
        return this;
    }

    RawManifestWriter totalBytes(final long totalBytes)
    {
        this.totalBytes = totalBytes;
        return this;
    }

    RawManifestWriter entryCount(final int entryCount)
    {
        this.entryCount = entryCount;
        return this;
    }

    RawManifestWriter chunkCount(final int chunkCount)
    {
        this.chunkCount = chunkCount;
        return this;
    }

    /**
     * Write as a later schema version would: larger blocks and larger hash group elements.
     */
    RawManifestWriter newerVersion(final int blockExtension, final int hashExtension)
    {
        this.version = MessageHeaderEncoder.SCHEMA_VERSION + 1;
        this.blockExtension = blockExtension;
        this.hashExtension = hashExtension;
        return this;
    }

    RawManifestWriter directory(final String path)
    {
        return entry(DIRECTORY, 0755, 0, nextChunk, 0, utf8(path));
    }

    RawManifestWriter file(final String path, final long size)
    {
        return file(path, size, (int)ManifestValidator.chunksFor(size, chunkLength));
    }

    RawManifestWriter file(final String path, final long size, final int chunkCount)
    {
        return entry(FILE, 0644, size, nextChunk, chunkCount, utf8(path));
    }

    RawManifestWriter entry(
        final int type, final int mode, final long size, final int firstChunk, final int chunkCount, final byte[] path)
    {
        entries.add(new RawEntry(type, mode, size, firstChunk, chunkCount, path));
        nextChunk = firstChunk + chunkCount;
        return this;
    }

    byte[] bytes()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 22]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        header.wrap(buffer, 0)
            .blockLength(ManifestHeaderEncoder.BLOCK_LENGTH + blockExtension)
            .templateId(ManifestHeaderEncoder.TEMPLATE_ID)
            .schemaId(ManifestHeaderEncoder.SCHEMA_ID)
            .version(version);
        new ManifestHeaderEncoder().wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH)
            .chunkLength(chunkLength)
            .totalBytes(null != totalBytes ? totalBytes : sumOfFileSizes())
            .entryCount(null != entryCount ? entryCount : entries.size())
            .chunkCount(null != chunkCount ? chunkCount : sumOfChunkCounts());
        int position = MessageHeaderEncoder.ENCODED_LENGTH + ManifestHeaderEncoder.BLOCK_LENGTH + blockExtension;

        final ManifestEntryEncoder encoder = new ManifestEntryEncoder();
        for (final RawEntry entry : entries)
        {
            header.wrap(buffer, position)
                .blockLength(ManifestEntryEncoder.BLOCK_LENGTH + blockExtension)
                .templateId(ManifestEntryEncoder.TEMPLATE_ID)
                .schemaId(ManifestEntryEncoder.SCHEMA_ID)
                .version(version);
            final int body = position + MessageHeaderEncoder.ENCODED_LENGTH;
            encoder.wrap(buffer, body)
                .mode(entry.mode())
                .size(entry.size())
                .mtimeMs(1_700_000_000_000L)
                .firstChunk(entry.firstChunk());
            buffer.putByte(body, (byte)entry.type());
            position = body + ManifestEntryEncoder.BLOCK_LENGTH + blockExtension;

            final int hashBlockLength = Manifest.HASH_LENGTH + hashExtension;
            buffer.putShort(position, (short)hashBlockLength, ByteOrder.LITTLE_ENDIAN);
            buffer.putShort(position + 2, (short)entry.chunkCount(), ByteOrder.LITTLE_ENDIAN);
            position += 4;
            for (int i = 0; i < entry.chunkCount(); i++)
            {
                buffer.putBytes(position, hashOf(entry.firstChunk() + i));
                position += hashBlockLength;
            }

            buffer.putInt(position, entry.path().length, ByteOrder.LITTLE_ENDIAN);
            buffer.putBytes(position + 4, entry.path());
            position += 4 + entry.path().length;
        }

        return Arrays.copyOf(buffer.byteArray(), position);
    }

    /**
     * The hash the writer stores for a chunk: recognisable bytes derived from its index.
     */
    static byte[] hashOf(final int chunkIndex)
    {
        final byte[] hash = new byte[Manifest.HASH_LENGTH];
        for (int i = 0; i < hash.length; i++)
        {
            hash[i] = (byte)(chunkIndex * 31 + i);
        }
        return hash;
    }

    static byte[] utf8(final String path)
    {
        return path.getBytes(StandardCharsets.UTF_8);
    }

    private long sumOfFileSizes()
    {
        long sum = 0;
        for (final RawEntry entry : entries)
        {
            sum += entry.size();
        }
        return sum;
    }

    private int sumOfChunkCounts()
    {
        int sum = 0;
        for (final RawEntry entry : entries)
        {
            sum += entry.chunkCount();
        }
        return sum;
    }
}
