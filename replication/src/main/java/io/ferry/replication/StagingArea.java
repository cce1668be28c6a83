package io.ferry.replication;

import io.ferry.replication.manifest.Manifest;
import io.ferry.replication.manifest.ManifestEntry;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The staging tree of one inbound version inside its dataset root: created from the manifest, written frame by
 * frame, verified chunk by chunk, and published by one atomic rename.
 * Writes happen on the link agent; verification and publication on the storage agent, never at the same time
 * for the same chunk.
 */
final class StagingArea
{
    private final DatasetDirectory dataset;
    private final Path staging;
    private final Manifest manifest;
    private final BitSet linked = new BitSet();
    private FileChannel writeChannel;
    private int writeFileIndex = -1;

    StagingArea(final DatasetDirectory dataset, final long transferId, final Manifest manifest)
    {
        this.dataset = dataset;
        this.staging = dataset.stagingPath(transferId);
        this.manifest = manifest;
    }

    /**
     * Create every directory and file of the version at its final size (sparse), keeping what is already there; a file
     * with a link source becomes a hard link to it instead, and is then never written, re-timed or re-moded here.
     *
     * @param linkSourceOf for an entry index, the file of a published version to link, or null to create the file.
     */
    void prepare(final IntFunction<Path> linkSourceOf) throws IOException
    {
        Files.createDirectories(staging);
        for (int i = 0, n = manifest.entryCount(); i < n; i++)
        {
            final ManifestEntry entry = manifest.entry(i);
            final Path path = resolve(entry.path());
            if (entry.directory())
            {
                Files.createDirectories(path);
                continue;
            }
            final Path linkSource = linkSourceOf.apply(i);
            if (null != linkSource && link(path, linkSource))
            {
                linked.set(i);
                continue;
            }
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && (int)Files.getAttribute(path, "unix:nlink") > 1)
            {
                // Shared with a published version by an earlier preparation: writing into it would change that version.
                Files.delete(path);
            }
            try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw"))
            {
                if (file.length() != entry.size())
                {
                    file.setLength(entry.size());
                }
            }
        }
    }

    /**
     * Whether an entry was hard-linked to a published version by {@link #prepare(IntFunction)}.
     */
    boolean isLinked(final int entryIndex)
    {
        return linked.get(entryIndex);
    }

    /**
     * Where an entry lies in staging.
     */
    Path pathOf(final int entryIndex) throws IOException
    {
        return resolve(manifest.entry(entryIndex).path());
    }

    /**
     * Bytes still to be written that the file system must have room for.
     *
     * @param bytesHeld bytes of chunks already verified in staging.
     * @return whether the dataset's file store has room.
     */
    boolean hasRoomFor(final long bytesHeld) throws IOException
    {
        Files.createDirectories(staging.getParent());
        final long usable = Files.getFileStore(staging.getParent()).getUsableSpace();
        return usable >= manifest.totalBytes() - bytesHeld;
    }

    /**
     * Write a payload at its place (link agent).
     */
    void write(final int fileIndex, final long fileOffset, final ByteBuffer payload) throws IOException
    {
        if (fileIndex != writeFileIndex)
        {
            closeWriter();
            writeChannel = FileChannel.open(resolve(manifest.entry(fileIndex).path()), StandardOpenOption.WRITE);
            writeFileIndex = fileIndex;
        }
        long position = fileOffset;
        while (payload.hasRemaining())
        {
            position += writeChannel.write(payload, position);
        }
    }

    /**
     * Close the link agent's open file, if any.
     */
    void closeWriter()
    {
        if (null != writeChannel)
        {
            try
            {
                writeChannel.close();
            }
            catch (final IOException ignore)
            {
                // A close failure after successful writes loses nothing: publication fsyncs every file again.
            }
            writeChannel = null;
            writeFileIndex = -1;
        }
    }

    /**
     * Hash a chunk as it lies in staging, compare it with the manifest and, if it matches, fsync its file
     * (storage agent).
     */
    boolean verifyChunk(final int chunkIndex, final ByteBuffer scratch, final MessageDigest sha256, final byte[] hash)
        throws IOException
    {
        final int entryIndex = manifest.entryIndexOfChunk(chunkIndex);
        final long offset = manifest.chunkFileOffset(chunkIndex);
        final int length = manifest.chunkLengthOf(chunkIndex);
        sha256.reset();
        try (FileChannel channel = FileChannel.open(resolve(manifest.entry(entryIndex).path()), StandardOpenOption.READ))
        {
            long position = offset;
            final long end = offset + length;
            while (position < end)
            {
                scratch.clear();
                scratch.limit((int)Math.min(scratch.capacity(), end - position));
                final int read = channel.read(scratch, position);
                if (read < 0)
                {
                    return false;
                }
                scratch.flip();
                sha256.update(scratch);
                position += read;
            }
            try
            {
                sha256.digest(hash, 0, hash.length);
            }
            catch (final java.security.DigestException ex)
            {
                throw new IOException(ex);
            }
            if (!manifest.chunkHashEquals(chunkIndex, hash, 0))
            {
                return false;
            }
            // A verified chunk counts as durable only once its bytes are on disk: the journal records it next.
            channel.force(false);
            return true;
        }
    }

    /**
     * Make the version durable and visible: fix modes and times, fsync everything except files linked to a published
     * version (already durable, and shared with it), keep the manifest, rename into place, record the digest, swap
     * {@code current}.
     */
    void publish(final String version, final String tag) throws IOException
    {
        for (int i = 0, n = manifest.entryCount(); i < n; i++)
        {
            final ManifestEntry entry = manifest.entry(i);
            if (!entry.directory() && !linked.get(i))
            {
                final Path path = resolve(entry.path());
                applyAttributes(path, entry);
                FileSync.force(path);
            }
        }
        for (int i = manifest.entryCount() - 1; i >= 0; i--)
        {
            final ManifestEntry entry = manifest.entry(i);
            if (entry.directory())
            {
                final Path path = resolve(entry.path());
                FileSync.force(path);
                applyAttributes(path, entry);
            }
        }
        FileSync.force(staging);
        dataset.recordManifest(version, manifest.encoded());

        final Path target = dataset.versionPath(version);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        FileSync.force(dataset.root());
        dataset.recordDigest(version, manifest.digestHex());
        dataset.swapCurrent(version, tag);
    }

    /**
     * Remove the staging tree (cancel, reject, or a failed version).
     */
    void delete() throws IOException
    {
        closeWriter();
        if (!Files.exists(staging, LinkOption.NOFOLLOW_LINKS))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(staging))
        {
            final Path[] all = paths.sorted(Comparator.reverseOrder()).toArray(Path[]::new);
            for (final Path path : all)
            {
                Files.deleteIfExists(path);
            }
        }
    }

    private static boolean link(final Path path, final Path linkSource) throws IOException
    {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS))
        {
            if (Files.isSameFile(path, linkSource))
            {
                return true;
            }
            Files.delete(path);
        }
        try
        {
            Files.createLink(path, linkSource);
            return true;
        }
        catch (final IOException ex)
        {
            // Too many links, or a file system without hard links: the file is created and filled instead.
            return false;
        }
    }

    private Path resolve(final String relativePath) throws IOException
    {
        final Path path = staging.resolve(relativePath).normalize();
        if (!path.startsWith(staging) || path.equals(staging))
        {
            throw new IOException("manifest path escapes staging: " + relativePath);
        }
        return path;
    }

    private static void applyAttributes(final Path path, final ManifestEntry entry) throws IOException
    {
        Files.setPosixFilePermissions(path, permissions(entry.mode()));
        Files.setLastModifiedTime(path, FileTime.fromMillis(entry.mtimeMs()));
    }

    static Set<PosixFilePermission> permissions(final int mode)
    {
        final Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        final PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ };
        for (int bit = 0; bit < order.length; bit++)
        {
            if ((mode & (1 << bit)) != 0)
            {
                set.add(order[bit]);
            }
        }
        return set;
    }
}
