package io.ferry.replication.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestException;
import java.security.MessageDigest;

/**
 * Hashes the chunks of files with SHA-256 through one reused direct buffer, writing each hash straight into the
 * manifest's flat hash array so that hashing allocates nothing per chunk.
 */
final class ChunkHasher
{
    /** Large enough that a read is one system call per MiB, small enough to stay in cache while it is hashed. */
    static final int READ_BUFFER_LENGTH = 1024 * 1024;

    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_LENGTH);
    private final MessageDigest sha256 = Manifest.sha256();
    private final int chunkLength;

    ChunkHasher(final int chunkLength)
    {
        this.chunkLength = chunkLength;
    }

    /**
     * Hash every chunk of a file into {@code chunkHashes} from {@code firstChunk}, then check it did not change.
     *
     * @param file        the file as listed, with the size and modification time seen then.
     * @param chunkHashes flat array of all hashes of the manifest.
     * @param firstChunk  index of the file's first chunk.
     * @throws IOException when reading fails or the file changed since it was listed.
     */
    void hash(final SourceEntry file, final byte[] chunkHashes, final int firstChunk) throws IOException
    {
        hash(file, chunkHashes, firstChunk, 0, (int)ManifestValidator.chunksFor(file.size(), chunkLength));
    }

    /**
     * Hash chunks {@code [fromChunk, toChunk)} of a file (counted within the file) into {@code chunkHashes}, then
     * check the file did not change.
     *
     * @param file        the file as listed, with the size and modification time seen then.
     * @param chunkHashes flat array of all hashes of the manifest.
     * @param firstChunk  index of the file's first chunk in the manifest.
     * @param fromChunk   first chunk of the file to hash.
     * @param toChunk     chunk of the file after the last one to hash.
     * @throws IOException when reading fails or the file changed since it was listed.
     */
    void hash(
        final SourceEntry file, final byte[] chunkHashes, final int firstChunk, final int fromChunk, final int toChunk)
        throws IOException
    {
        try (FileChannel channel = FileChannel.open(file.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
        {
            final long size = file.size();
            long position = (long)fromChunk * chunkLength;
            for (int chunk = fromChunk; chunk < toChunk; chunk++)
            {
                final long chunkEnd = Math.min(size, position + chunkLength);
                while (position < chunkEnd)
                {
                    readBuffer.clear().limit((int)Math.min(READ_BUFFER_LENGTH, chunkEnd - position));
                    final int bytesRead = channel.read(readBuffer, position);
                    if (bytesRead < 0)
                    {
                        throw changed(file);
                    }
                    readBuffer.flip();
                    sha256.update(readBuffer);
                    position += bytesRead;
                }
                finishChunk(chunkHashes, firstChunk + chunk);
            }
        }

        final BasicFileAttributes after =
            Files.readAttributes(file.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (after.size() != file.size() || !after.lastModifiedTime().equals(file.lastModified()))
        {
            throw changed(file);
        }
    }

    private void finishChunk(final byte[] chunkHashes, final int chunk)
    {
        try
        {
            sha256.digest(chunkHashes, chunk * Manifest.HASH_LENGTH, Manifest.HASH_LENGTH);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException("SHA-256 digest does not fit " + Manifest.HASH_LENGTH + " bytes", ex);
        }
    }

    private static IOException changed(final SourceEntry file)
    {
        return new IOException("source changed while hashing: " + file.file());
    }
}
