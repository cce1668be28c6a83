package io.ferry.replication;

import io.ferry.replication.manifest.Manifest;
import io.ferry.replication.manifest.ManifestEntry;

import org.agrona.BufferUtil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a version's files for all targets of one transfer: a few reused direct buffers each hold one aligned block of
 * a file, and frame slices are handed out of them, so targets at similar cursors share one read and the send path
 * does no allocation per frame.
 * <p>
 * Blocks are aligned to {@link #BLOCK_LENGTH} within their file and replaced least recently used first. A target that
 * lags behind the others by more than the cache holds, or a resend of an evicted block, reads the block again; every
 * read is counted in {@link #bytesRead()}. A frame that crosses a block boundary is assembled from both blocks in a
 * scratch buffer. A resent frame whose block is no longer held is read on its own, frame-sized (through a second
 * file channel when it is in another file): repairs are scattered, and loading a whole block for each would read the
 * source many times over. Each file open checks the file's size and modification time against the manifest
 * ({@link SourceChangedException} otherwise), and a file once found changed stays changed for this reader.
 */
final class ChunkReader implements AutoCloseable
{
    static final int BLOCK_LENGTH = 1024 * 1024;
    /** Largest frame payload a slice may have: Aeron's largest MTU. */
    static final int MAX_SLICE_LENGTH = 64 * 1024;
    /** Blocks for a transfer to one target: the cursor's block, the next one, and two for resends. */
    static final int SINGLE_TARGET_BLOCKS = 4;
    /**
     * Blocks for a transfer to several targets, so that targets up to 46 blocks apart share reads: more than the
     * 32 MiB a target may have unacknowledged (TargetSession), so a target waiting for its acknowledgements does not
     * fall out of the shared blocks by that alone.
     */
    static final int FAN_OUT_BLOCKS = 48;

    private static final int BLOCK_CHANNEL = 0;
    private static final int REPAIR_CHANNEL = 1;

    private final Path sourceRoot;
    private final Manifest manifest;
    private final ByteBuffer[] blocks;
    private final int[] blockFile;
    private final long[] blockIndex;
    private final long[] lastUse;
    private final int[] blocksBeforeEntry;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(MAX_SLICE_LENGTH);
    private long useClock;
    private final FileChannel[] channels = new FileChannel[2];
    private final int[] channelFile = { -1, -1 };
    private String changedPath;
    private long bytesRead;

    ChunkReader(final Path sourceRoot, final Manifest manifest, final int targetCount)
    {
        this.sourceRoot = sourceRoot;
        this.manifest = manifest;
        final int count = blockCount(targetCount);
        blocks = new ByteBuffer[count];
        blockFile = new int[count];
        blockIndex = new long[count];
        lastUse = new long[count];
        for (int i = 0; i < count; i++)
        {
            blocks[i] = ByteBuffer.allocateDirect(BLOCK_LENGTH);
            blockFile[i] = -1;
        }
        blocksBeforeEntry = new int[manifest.entryCount() + 1];
        for (int i = 0; i < manifest.entryCount(); i++)
        {
            final long size = manifest.entry(i).size();
            blocksBeforeEntry[i + 1] = blocksBeforeEntry[i] + (int)((size + BLOCK_LENGTH - 1) / BLOCK_LENGTH);
        }
    }

    /**
     * Position of a chunk's first byte counted in blocks from the start of the version, to measure how far apart two
     * targets' cursors are in terms of this reader's blocks.
     *
     * @param chunkIndex chunk.
     * @return blocks before the chunk's first block.
     */
    int blockOrdinal(final int chunkIndex)
    {
        return blocksBeforeEntry[manifest.entryIndexOfChunk(chunkIndex)] +
            (int)(manifest.chunkFileOffset(chunkIndex) / BLOCK_LENGTH);
    }

    /**
     * How many blocks one target may run ahead of another and still leave the other's blocks held.
     *
     * @return blocks.
     */
    int window()
    {
        return blocks.length - 2;
    }

    /**
     * Blocks kept for a transfer: {@link #SINGLE_TARGET_BLOCKS} for one target, {@link #FAN_OUT_BLOCKS} for more.
     *
     * @param targetCount targets of the transfer.
     * @return number of blocks.
     */
    static int blockCount(final int targetCount)
    {
        return targetCount < 2 ? SINGLE_TARGET_BLOCKS : FAN_OUT_BLOCKS;
    }

    /**
     * Bytes read from the source files so far, re-reads included.
     *
     * @return bytes.
     */
    long bytesRead()
    {
        return bytesRead;
    }

    /**
     * A slice of a file: the returned buffer's position and limit frame it; valid until the next call.
     *
     * @param fileIndex  manifest entry of the file.
     * @param fileOffset offset of the slice in the file.
     * @param length     length of the slice, at most {@link #MAX_SLICE_LENGTH}.
     * @param repair     true for a resent frame, which does not load a block when its block is not held.
     * @return a buffer framing the slice.
     * @throws SourceChangedException if the file no longer matches the manifest.
     * @throws IOException            if the file cannot be read.
     */
    ByteBuffer slice(final int fileIndex, final long fileOffset, final int length, final boolean repair)
        throws IOException
    {
        final long first = fileOffset / BLOCK_LENGTH;
        final long last = (fileOffset + length - 1) / BLOCK_LENGTH;
        final int position = (int)(fileOffset - first * BLOCK_LENGTH);
        if (repair)
        {
            final int slot = find(fileIndex, first);
            if (first == last && slot >= 0)
            {
                return blocks[slot].limit(position + length).position(position);
            }
            scratch.clear().limit(length);
            // Positional reads leave the block channel as it was: use it when it has the file open already.
            read(channelFile[BLOCK_CHANNEL] == fileIndex ? BLOCK_CHANNEL : REPAIR_CHANNEL, fileIndex, scratch,
                fileOffset);
            return scratch.flip();
        }
        final ByteBuffer head = block(fileIndex, first);
        if (first == last)
        {
            head.limit(position + length).position(position);
            return head;
        }
        scratch.clear();
        head.limit(head.capacity()).position(position);
        scratch.put(head);
        final ByteBuffer tail = block(fileIndex, last);
        tail.limit(length - scratch.position()).position(0);
        scratch.put(tail);
        return scratch.flip();
    }

    private int find(final int fileIndex, final long index)
    {
        for (int i = 0; i < blocks.length; i++)
        {
            if (blockFile[i] == fileIndex && blockIndex[i] == index)
            {
                lastUse[i] = ++useClock;
                return i;
            }
        }
        return -1;
    }

    private ByteBuffer block(final int fileIndex, final long index) throws IOException
    {
        final int held = find(fileIndex, index);
        if (held >= 0)
        {
            return blocks[held];
        }
        int victim = 0;
        for (int i = 1; i < blocks.length; i++)
        {
            if (lastUse[i] < lastUse[victim])
            {
                victim = i;
            }
        }
        final ByteBuffer block = blocks[victim];
        final long start = index * BLOCK_LENGTH;
        blockFile[victim] = -1;
        block.clear().limit((int)Math.min(BLOCK_LENGTH, manifest.entry(fileIndex).size() - start));
        read(BLOCK_CHANNEL, fileIndex, block, start);
        blockFile[victim] = fileIndex;
        blockIndex[victim] = index;
        lastUse[victim] = ++useClock;
        return block;
    }

    private void read(final int channel, final int fileIndex, final ByteBuffer dst, final long fileOffset)
        throws IOException
    {
        final ManifestEntry entry = manifest.entry(fileIndex);
        if (fileIndex != channelFile[channel])
        {
            open(channel, fileIndex, entry);
        }
        long position = fileOffset;
        while (dst.hasRemaining())
        {
            final int read = channels[channel].read(dst, position);
            if (read < 0)
            {
                throw changed(entry, "is shorter than its manifest says");
            }
            position += read;
            bytesRead += read;
        }
    }

    private void open(final int channel, final int fileIndex, final ManifestEntry entry) throws IOException
    {
        if (entry.path().equals(changedPath))
        {
            throw new SourceChangedException(entry.path() + " changed since the version was scanned");
        }
        closeChannel(channel);
        final Path file = sourceRoot.resolve(entry.path());
        try
        {
            channels[channel] = FileChannel.open(file, StandardOpenOption.READ);
        }
        catch (final NoSuchFileException ex)
        {
            throw changed(entry, "was deleted");
        }
        channelFile[channel] = fileIndex;
        final String problem = SourceCheck.problem(file, entry, channels[channel].size());
        if (null != problem)
        {
            throw changed(entry, problem);
        }
    }

    private SourceChangedException changed(final ManifestEntry entry, final String problem)
    {
        changedPath = entry.path();
        closeChannel(BLOCK_CHANNEL);
        closeChannel(REPAIR_CHANNEL);
        return new SourceChangedException(entry.path() + " " + problem);
    }

    private void closeChannel(final int channel)
    {
        if (null != channels[channel])
        {
            try
            {
                channels[channel].close();
            }
            catch (final IOException ignore)
            {
                // Read-only channel: nothing is lost if close fails.
            }
            channels[channel] = null;
            channelFile[channel] = -1;
        }
    }

    /**
     * Close the open file and free the direct buffers now rather than at some later garbage collection.
     */
    public void close()
    {
        closeChannel(BLOCK_CHANNEL);
        closeChannel(REPAIR_CHANNEL);
        for (int i = 0; i < blocks.length; i++)
        {
            BufferUtil.free(blocks[i]);
            blockFile[i] = -1;
        }
        BufferUtil.free(scratch);
    }
}
