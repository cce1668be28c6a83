package io.ferry.replication.manifest;

import io.ferry.codec.EntryType;
import io.ferry.codec.ManifestEntryDecoder;
import io.ferry.codec.ManifestHeaderDecoder;
import io.ferry.codec.MessageGuard;
import io.ferry.codec.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes one manifest from a peer, treating every byte as hostile: each length is checked against the bytes that
 * remain before it is used, so malformed input ends in a {@link ManifestException} and never in a bounds error.
 */
final class ManifestReader
{
    private static final int HEADER_LENGTH = ManifestCodec.MESSAGE_HEADER_LENGTH;
    private static final int GROUP_HEADER_LENGTH = ManifestEntryDecoder.ChunksDecoder.HEADER_SIZE;
    private static final int PATH_HEADER_LENGTH = ManifestEntryDecoder.pathHeaderLength();

    private final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();
    private final ManifestHeaderDecoder manifestHeader = new ManifestHeaderDecoder();
    private final ManifestEntryDecoder entryDecoder = new ManifestEntryDecoder();
    /** A fresh decoder reports malformed input rather than replacing it. */
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    private final byte[] bytes;
    private final UnsafeBuffer buffer;
    private final int length;
    private final ManifestLimits limits;
    private int position;

    ManifestReader(final byte[] bytes, final int length, final ManifestLimits limits)
    {
        this.bytes = bytes;
        this.buffer = new UnsafeBuffer(bytes, 0, length);
        this.length = length;
        this.limits = limits;
    }

    Manifest read() throws ManifestException
    {
        final int blockLength = checkMessage("manifest header", ManifestHeaderDecoder.TEMPLATE_ID,
            ManifestHeaderDecoder.BLOCK_LENGTH);
        manifestHeader.wrap(buffer, position + HEADER_LENGTH, blockLength, messageHeader.version());
        final int chunkLength = manifestHeader.chunkLength();
        final long totalBytes = manifestHeader.totalBytes();
        final int entryCount = manifestHeader.entryCount();
        final int chunkCount = manifestHeader.chunkCount();
        position += HEADER_LENGTH + blockLength;
        checkHeader(totalBytes, entryCount, chunkCount);

        final ManifestValidator validator = new ManifestValidator(chunkLength, limits);
        final byte[] chunkHashes = new byte[chunkCount * Manifest.HASH_LENGTH];
        final List<ManifestEntry> entries = new ArrayList<>(entryCount);
        for (int i = 0; i < entryCount; i++)
        {
            entries.add(readEntry(i, validator, chunkHashes));
        }

        if (position != length)
        {
            throw new ManifestException((length - position) + " trailing bytes after the last of " + entryCount +
                " entries");
        }
        if (validator.chunkCount() != chunkCount)
        {
            throw new ManifestException("header says " + chunkCount + " chunks but the entries have " +
                validator.chunkCount());
        }
        if (validator.totalBytes() != totalBytes)
        {
            throw new ManifestException("header says totalBytes " + totalBytes + " but the file sizes sum to " +
                validator.totalBytes());
        }

        return new Manifest(chunkLength, entries, chunkHashes, Arrays.copyOf(bytes, length));
    }

    private void checkHeader(final long totalBytes, final int entryCount, final int chunkCount)
        throws ManifestException
    {
        if (entryCount < 0 || entryCount > limits.maxEntries())
        {
            throw new ManifestException("entry count " + entryCount + " outside 0.." + limits.maxEntries());
        }
        if (chunkCount < 0 || chunkCount > limits.maxChunks())
        {
            throw new ManifestException("chunk count " + chunkCount + " outside 0.." + limits.maxChunks());
        }
        if (totalBytes < 0 || totalBytes > limits.maxTotalBytes())
        {
            throw new ManifestException("totalBytes " + totalBytes + " outside 0.." + limits.maxTotalBytes());
        }

        // Checked before anything is allocated for them, so a forged count cannot exhaust memory.
        final long neededBytes = (long)entryCount * ManifestCodec.MIN_ENTRY_LENGTH +
            (long)chunkCount * Manifest.HASH_LENGTH;
        if (neededBytes > length - position)
        {
            throw new ManifestException("header claims " + entryCount + " entries and " + chunkCount +
                " chunks, which need at least " + neededBytes + " bytes, but only " + (length - position) + " follow");
        }
    }

    private ManifestEntry readEntry(final int index, final ManifestValidator validator, final byte[] chunkHashes)
        throws ManifestException
    {
        final String what = "entry " + index;
        final int blockLength = checkMessage(what, ManifestEntryDecoder.TEMPLATE_ID, ManifestEntryDecoder.BLOCK_LENGTH);
        final int groupOffset = position + HEADER_LENGTH + blockLength;
        requireBytes(what, "chunk group header", groupOffset, GROUP_HEADER_LENGTH);

        entryDecoder.wrap(buffer, position + HEADER_LENGTH, blockLength, messageHeader.version());
        final ManifestEntryDecoder.ChunksDecoder chunks = entryDecoder.chunks();
        final int hashBlockLength = chunks.actingBlockLength();
        final int hashCount = chunks.count();
        if (hashBlockLength < Manifest.HASH_LENGTH)
        {
            throw new ManifestException(what + ": chunk hash block length " + hashBlockLength + " is shorter than " +
                Manifest.HASH_LENGTH);
        }

        final long pathHeaderOffset = (long)entryDecoder.limit() + (long)hashCount * hashBlockLength;
        requireBytes(what, "chunk hashes and path length", entryDecoder.limit(),
            pathHeaderOffset + PATH_HEADER_LENGTH - entryDecoder.limit());
        final long pathLength = buffer.getInt((int)pathHeaderOffset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        if (pathLength > limits.maxPathBytes())
        {
            throw new ManifestException(what + ": path is " + pathLength + " bytes, longer than the limit of " +
                limits.maxPathBytes());
        }
        final int pathOffset = (int)pathHeaderOffset + PATH_HEADER_LENGTH;
        requireBytes(what, "path", pathOffset, pathLength);

        final String path = readPath(index, pathOffset, (int)pathLength);
        final ManifestEntry entry = new ManifestEntry(path, isDirectory(index, path), entryDecoder.mode(),
            entryDecoder.size(), entryDecoder.mtimeMs(), entryDecoder.firstChunk(), hashCount);
        validator.checkEntry(index, entry);
        if (validator.chunkCount() > chunkHashes.length / Manifest.HASH_LENGTH)
        {
            throw ManifestException.ofEntry(index, path, "chunks " + entry.firstChunk() + ".." +
                (validator.chunkCount() - 1) + " exceed the header's chunk count " +
                chunkHashes.length / Manifest.HASH_LENGTH);
        }

        for (int i = 0; i < hashCount; i++)
        {
            chunks.next().getHash(chunkHashes, (entry.firstChunk() + i) * Manifest.HASH_LENGTH, Manifest.HASH_LENGTH);
        }
        position = pathOffset + (int)pathLength;

        return entry;
    }

    private int checkMessage(final String what, final int templateId, final int minBlockLength)
        throws ManifestException
    {
        final int verdict = MessageGuard.check(messageHeader, buffer, position, length - position);
        if (verdict < 0)
        {
            throw new ManifestException(what + " at offset " + position + ": " + MessageGuard.describe(verdict));
        }
        if (verdict != templateId)
        {
            throw new ManifestException(what + " at offset " + position + ": template " + verdict + ", expected " +
                templateId);
        }

        final int blockLength = messageHeader.blockLength();
        if (blockLength < minBlockLength)
        {
            throw new ManifestException(what + " at offset " + position + ": block length " + blockLength +
                " is shorter than " + minBlockLength);
        }

        return blockLength;
    }

    private void requireBytes(final String what, final String part, final long offset, final long needed)
        throws ManifestException
    {
        if (offset + needed > length)
        {
            throw new ManifestException(what + ": truncated, " + part + " needs " + needed + " bytes at offset " +
                offset + " but the manifest is " + length + " bytes");
        }
    }

    private String readPath(final int index, final int offset, final int pathLength) throws ManifestException
    {
        final String problem = PathRules.violation(bytes, offset, pathLength, limits.maxPathBytes());
        if (null != problem)
        {
            throw ManifestException.ofEntry(index, new String(bytes, offset, pathLength, StandardCharsets.UTF_8),
                problem);
        }

        final String path = PathRules.decodeStrictly(utf8, bytes, offset, pathLength);
        if (null == path)
        {
            throw ManifestException.ofEntry(index, new String(bytes, offset, pathLength, StandardCharsets.UTF_8),
                "path is not valid UTF-8");
        }

        return path;
    }

    private boolean isDirectory(final int index, final String path) throws ManifestException
    {
        final short type = entryDecoder.entryTypeRaw();
        if (EntryType.DIRECTORY.value() == type)
        {
            return true;
        }
        if (EntryType.FILE.value() == type)
        {
            return false;
        }

        throw ManifestException.ofEntry(index, path, "unknown entry type " + type);
    }
}
