package io.ferry.replication;

import io.ferry.replication.manifest.Manifest;
import io.ferry.replication.manifest.ManifestEntry;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Object2IntHashMap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;

/**
 * Reuse of a dataset's current version while the target prepares the next: a file equal in path, size, mode, mtime
 * and every chunk hash is hard-linked into staging, and any other chunk whose hash the current version holds is copied
 * locally and re-hashed, so neither crosses the network. Runs on the storage agent; the current version is only read.
 */
final class PreviousVersionReuse
{
    private static final int COPY_BUFFER_LENGTH = 1024 * 1024;
    private static final long NO_CHUNK = -1;

    private final Path previousRoot;
    private final Manifest previous;
    private final Manifest next;
    private final Path[] linkSources;
    private final Long2LongHashMap previousChunkByHashPrefix = new Long2LongHashMap(NO_CHUNK);
    private final byte[] hash = new byte[Manifest.HASH_LENGTH];
    private final byte[] copiedHash = new byte[Manifest.HASH_LENGTH];
    private int filesLinked;
    private long bytesLinked;
    private int chunksCopied;
    private long bytesCopied;

    /**
     * Plan the reuse of the version {@code current} points at; without a valid recorded manifest nothing is reused.
     *
     * @param directory dataset root on this hub.
     * @param next      manifest of the version being prepared.
     * @return the plan.
     */
    static PreviousVersionReuse plan(final DatasetDirectory directory, final Manifest next)
    {
        final String current = directory.current();
        final Manifest previous = directory.publishedManifest(current);
        return new PreviousVersionReuse(null == previous ? null : directory.versionPath(current), previous, next);
    }

    private PreviousVersionReuse(final Path previousRoot, final Manifest previous, final Manifest next)
    {
        this.previousRoot = previousRoot;
        this.previous = previous;
        this.next = next;
        this.linkSources = new Path[next.entryCount()];
        if (null == previous)
        {
            return;
        }
        for (int c = previous.chunkCount() - 1; c >= 0; c--)
        {
            previous.chunkHash(c, hash, 0);
            previousChunkByHashPrefix.put(hashPrefix(hash), c);
        }
        final Object2IntHashMap<String> previousEntryByPath = new Object2IntHashMap<>(-1);
        for (int i = 0, n = previous.entryCount(); i < n; i++)
        {
            previousEntryByPath.put(previous.entry(i).path(), i);
        }
        for (int i = 0, n = next.entryCount(); i < n; i++)
        {
            final int previousIndex = previousEntryByPath.getValue(next.entry(i).path());
            if (previousIndex >= 0)
            {
                linkSources[i] = linkSource(next.entry(i), previous.entry(previousIndex));
            }
        }
    }

    /**
     * The published file to hard-link for an entry of the next version, or null when it must be created.
     */
    Path linkSource(final int entryIndex)
    {
        return linkSources[entryIndex];
    }

    /**
     * Bytes of the files planned as links, which need no new space.
     */
    long bytesToLink()
    {
        long bytes = 0;
        for (int i = 0; i < linkSources.length; i++)
        {
            bytes += null != linkSources[i] ? next.entry(i).size() : 0;
        }
        return bytes;
    }

    /**
     * After {@link StagingArea#prepare}: copy every chunk the current version holds into the files that were not
     * linked, and return the chunks staging now holds verified (those of linked files and those copied and re-hashed).
     *
     * @param staging the prepared staging area of the next version.
     * @return chunks held, by chunk index of the next manifest.
     * @throws IOException if a staging path is invalid; a chunk that cannot be copied is only left to be sent.
     */
    BitSet holdChunks(final StagingArea staging) throws IOException, NoSuchAlgorithmException
    {
        final BitSet held = new BitSet(next.chunkCount());
        for (int i = 0, n = next.entryCount(); i < n; i++)
        {
            final ManifestEntry entry = next.entry(i);
            if (staging.isLinked(i))
            {
                held.set(entry.firstChunk(), entry.firstChunk() + entry.chunkCount());
                filesLinked++;
                bytesLinked += entry.size();
            }
        }
        if (null == previous)
        {
            return held;
        }
        final ByteBuffer buffer = ByteBuffer.allocateDirect(COPY_BUFFER_LENGTH);
        final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (int c = held.nextClearBit(0), n = next.chunkCount(); c < n; c = held.nextClearBit(c + 1))
        {
            next.chunkHash(c, hash, 0);
            final long found = previousChunkByHashPrefix.get(hashPrefix(hash));
            if (NO_CHUNK == found || !previous.chunkHashEquals((int)found, hash, 0))
            {
                continue;
            }
            final int previousChunk = (int)found;
            final int length = next.chunkLengthOf(c);
            final Path source = previousFile(previous.entry(previous.entryIndexOfChunk(previousChunk)));
            if (null != source && length == previous.chunkLengthOf(previousChunk) && copyChunk(
                source, previous.chunkFileOffset(previousChunk), staging.pathOf(next.entryIndexOfChunk(c)),
                next.chunkFileOffset(c), length, buffer, sha256) && next.chunkHashEquals(c, copiedHash, 0))
            {
                held.set(c);
                chunksCopied++;
                bytesCopied += length;
            }
        }
        return held;
    }

    /**
     * What {@link #holdChunks} reused, for the event log.
     *
     * @return a one-line summary.
     */
    public String toString()
    {
        return filesLinked + " files linked (" + bytesLinked + " bytes), " + chunksCopied + " chunks copied (" +
            bytesCopied + " bytes) from " + (null == previousRoot ? "no previous version" : previousRoot.getFileName());
    }

    private Path linkSource(final ManifestEntry entry, final ManifestEntry previousEntry)
    {
        if (entry.directory() || previousEntry.directory() || entry.size() != previousEntry.size() ||
            entry.mode() != previousEntry.mode() || entry.mtimeMs() != previousEntry.mtimeMs() ||
            entry.chunkCount() != previousEntry.chunkCount())
        {
            return null;
        }
        for (int k = 0; k < entry.chunkCount(); k++)
        {
            previous.chunkHash(previousEntry.firstChunk() + k, hash, 0);
            if (!next.chunkHashEquals(entry.firstChunk() + k, hash, 0))
            {
                return null;
            }
        }
        final Path file = previousFile(previousEntry);
        try
        {
            // A published version is never changed by ferry; if it was changed by hand, copy and re-hash instead.
            final PosixFileAttributes attributes =
                null == file ? null : Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            final boolean unchanged = null != attributes && attributes.isRegularFile() &&
                attributes.size() == entry.size() && attributes.lastModifiedTime().toMillis() == entry.mtimeMs() &&
                attributes.permissions().equals(StagingArea.permissions(entry.mode()));
            return unchanged ? file : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private Path previousFile(final ManifestEntry previousEntry)
    {
        final Path file = previousRoot.resolve(previousEntry.path()).normalize();
        return file.startsWith(previousRoot) && !file.equals(previousRoot) ? file : null;
    }

    private boolean copyChunk(
        final Path source,
        final long sourceOffset,
        final Path target,
        final long targetOffset,
        final int length,
        final ByteBuffer buffer,
        final MessageDigest sha256)
    {
        sha256.reset();
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))
        {
            long done = 0;
            while (done < length)
            {
                buffer.clear().limit((int)Math.min(buffer.capacity(), length - done));
                final int read = in.read(buffer, sourceOffset + done);
                if (read < 0)
                {
                    return false;
                }
                buffer.flip();
                sha256.update(buffer);
                buffer.rewind();
                while (buffer.hasRemaining())
                {
                    out.write(buffer, targetOffset + done + buffer.position());
                }
                done += read;
            }
            sha256.digest(copiedHash, 0, copiedHash.length);
            return true;
        }
        catch (final IOException | DigestException ex)
        {
            // The chunk is sent instead; a staging write failure then surfaces on the receive path.
            return false;
        }
    }

    private static long hashPrefix(final byte[] hash)
    {
        long prefix = 0;
        for (int i = 0; i < Long.BYTES; i++)
        {
            prefix = (prefix << 8) | (hash[i] & 0xFF);
        }
        return prefix;
    }
}
