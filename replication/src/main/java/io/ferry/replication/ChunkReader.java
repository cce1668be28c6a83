package io.ferry.replication;

import io.ferry.replication.manifest.Manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a version's files block by block into one reused direct buffer and hands out frame-sized slices of it,
 * so the send path does one positional read per block and no allocation per frame.
 */
final class ChunkReader implements AutoCloseable
{
    static final int BLOCK_LENGTH = 1024 * 1024;

    private final Path sourceRoot;
    private final Manifest manifest;
    private final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK_LENGTH);
    private FileChannel channel;
    private int channelFileIndex = -1;
    private int blockFileIndex = -1;
    private long blockStart;
    private long blockEnd;

    ChunkReader(final Path sourceRoot, final Manifest manifest)
    {
        this.sourceRoot = sourceRoot;
        this.manifest = manifest;
    }

    /**
     * A slice of a file: the returned buffer's position and limit frame it; valid until the next call.
     */
    ByteBuffer slice(final int fileIndex, final long fileOffset, final int length) throws IOException
    {
        if (fileIndex != blockFileIndex || fileOffset < blockStart || fileOffset + length > blockEnd)
        {
            load(fileIndex, fileOffset, length);
        }
        final int position = (int)(fileOffset - blockStart);
        block.limit(position + length).position(position);
        return block;
    }

    private void load(final int fileIndex, final long fileOffset, final int length) throws IOException
    {
        if (fileIndex != channelFileIndex)
        {
            closeChannel();
            channel = FileChannel.open(sourceRoot.resolve(manifest.entry(fileIndex).path()), StandardOpenOption.READ);
            channelFileIndex = fileIndex;
        }
        final long fileSize = manifest.entry(fileIndex).size();
        final int want = (int)Math.min(BLOCK_LENGTH, fileSize - fileOffset);
        if (want < length)
        {
            throw new IOException("read beyond end of " + manifest.entry(fileIndex).path());
        }
        block.clear().limit(want);
        long position = fileOffset;
        while (block.hasRemaining())
        {
            final int read = channel.read(block, position);
            if (read < 0)
            {
                throw new IOException("source changed: " + manifest.entry(fileIndex).path() + " is shorter than " +
                    "its manifest says");
            }
            position += read;
        }
        blockFileIndex = fileIndex;
        blockStart = fileOffset;
        blockEnd = fileOffset + want;
    }

    private void closeChannel()
    {
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // Read-only channel: nothing is lost if close fails.
            }
            channel = null;
            channelFileIndex = -1;
            blockFileIndex = -1;
        }
    }

    public void close()
    {
        closeChannel();
    }
}
