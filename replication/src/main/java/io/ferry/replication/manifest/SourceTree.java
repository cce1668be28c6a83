package io.ferry.replication.manifest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists a source tree in manifest order, refusing what ferry cannot replicate: links, special files and names a
 * target could not accept.
 */
final class SourceTree
{
    /** The mode bits of a POSIX stat, to name the kind of a special file in the error. */
    private static final int FILE_TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private static final Comparator<Path> BY_NAME =
        (left, right) -> PathRules.compare(left.getFileName().toString(), right.getFileName().toString());

    private final int maxPathBytes;
    private final List<SourceEntry> entries = new ArrayList<>();

    private SourceTree(final int maxPathBytes)
    {
        this.maxPathBytes = maxPathBytes;
    }

    /**
     * List every directory and regular file below {@code root}, depth first with siblings in name order.
     *
     * @param root         directory to list; itself not an entry.
     * @param maxPathBytes longest relative path accepted, in UTF-8 bytes.
     * @return entries in manifest order.
     * @throws IOException when listing fails or the tree holds something ferry cannot replicate.
     */
    static List<SourceEntry> list(final Path root, final int maxPathBytes) throws IOException
    {
        if (!Files.isDirectory(root))
        {
            throw new IOException(root + ": not a directory");
        }

        final SourceTree tree = new SourceTree(maxPathBytes);
        tree.listDirectory(root, "");

        return tree.entries;
    }

    private void listDirectory(final Path directory, final String relativeDirectory) throws IOException
    {
        final List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory))
        {
            for (final Path child : stream)
            {
                children.add(child);
            }
        }
        children.sort(BY_NAME);

        for (final Path child : children)
        {
            final String name = child.getFileName().toString();
            final String relativePath = relativeDirectory.isEmpty() ? name : relativeDirectory + "/" + name;
            final PosixFileAttributes attributes =
                Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            checkReplicable(child, relativePath, attributes);

            final int mode = permissionBits(attributes);
            if (attributes.isDirectory())
            {
                entries.add(new SourceEntry(relativePath, child, true, mode, 0, attributes.lastModifiedTime()));
                listDirectory(child, relativePath);
            }
            else
            {
                entries.add(new SourceEntry(
                    relativePath, child, false, mode, attributes.size(), attributes.lastModifiedTime()));
            }
        }
    }

    private void checkReplicable(final Path file, final String relativePath, final PosixFileAttributes attributes)
        throws IOException
    {
        if (attributes.isSymbolicLink())
        {
            throw new IOException(file + ": is a symbolic link; ferry does not replicate links yet");
        }
        if (!attributes.isDirectory() && !attributes.isRegularFile())
        {
            throw new IOException(file + ": is a " + specialKind(file) +
                "; ferry replicates only regular files and directories");
        }

        final byte[] pathBytes = PathRules.encodeStrictly(relativePath);
        final String problem = null == pathBytes ?
            "name is not valid Unicode" : PathRules.violation(pathBytes, 0, pathBytes.length, maxPathBytes);
        if (null != problem)
        {
            throw new IOException(file + ": cannot be replicated: " + problem);
        }
    }

    private static String specialKind(final Path file) throws IOException
    {
        final int unixMode;
        try
        {
            unixMode = (Integer)Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        }
        catch (final UnsupportedOperationException | IllegalArgumentException ex)
        {
            return "special file";
        }

        switch (unixMode & FILE_TYPE_MASK)
        {
            case FIFO:
                return "fifo";
            case SOCKET:
                return "socket";
            case CHARACTER_DEVICE:
                return "character device";
            case BLOCK_DEVICE:
                return "block device";
            default:
                return "special file";
        }
    }

    private static int permissionBits(final PosixFileAttributes attributes)
    {
        int mode = 0;
        for (final PosixFilePermission permission : attributes.permissions())
        {
            // The enum lists owner read, write, execute, then group, then others: bit 8 down to bit 0.
            mode |= 1 << (8 - permission.ordinal());
        }

        return mode;
    }
}
