package io.ferry.ops.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compares a replica with its source: the same relative paths, kinds, sizes, permission bits and SHA-256 of
 * every file.
 *
 * @param files     regular files compared.
 * @param dirs      directories compared.
 * @param bytes     bytes of file content compared.
 * @param problems  every difference found, empty when the trees match.
 */
public record TreeComparison(int files, int dirs, long bytes, List<String> problems)
{
    /**
     * Whether the trees match.
     *
     * @return true when no problem was found.
     */
    public boolean matches()
    {
        return problems.isEmpty();
    }

    /**
     * Compare two trees.
     *
     * @param source  the original.
     * @param replica the copy.
     * @return the comparison.
     * @throws IOException if a tree cannot be read.
     */
    public static TreeComparison compare(final Path source, final Path replica) throws IOException
    {
        final TreeMap<String, Path> left = list(source.toRealPath());
        final TreeMap<String, Path> right = list(replica.toRealPath());
        final List<String> problems = new ArrayList<>();
        int files = 0;
        int dirs = 0;
        long bytes = 0;
        for (final String path : left.keySet())
        {
            if (!right.containsKey(path))
            {
                problems.add("missing in replica: " + path);
            }
        }
        for (final String path : right.keySet())
        {
            if (!left.containsKey(path))
            {
                problems.add("not in source: " + path);
            }
        }
        for (final var entry : left.entrySet())
        {
            final Path a = entry.getValue();
            final Path b = right.get(entry.getKey());
            if (null == b)
            {
                continue;
            }
            final boolean dirA = Files.isDirectory(a, LinkOption.NOFOLLOW_LINKS);
            if (dirA != Files.isDirectory(b, LinkOption.NOFOLLOW_LINKS))
            {
                problems.add("kind differs: " + entry.getKey());
                continue;
            }
            final String modeA = PosixFilePermissions.toString(Files.getPosixFilePermissions(a, LinkOption.NOFOLLOW_LINKS));
            final String modeB = PosixFilePermissions.toString(Files.getPosixFilePermissions(b, LinkOption.NOFOLLOW_LINKS));
            if (!modeA.equals(modeB))
            {
                problems.add("mode differs: " + entry.getKey() + " " + modeA + " vs " + modeB);
            }
            if (dirA)
            {
                dirs++;
                continue;
            }
            files++;
            final long size = Files.size(a);
            bytes += size;
            if (size != Files.size(b))
            {
                problems.add("size differs: " + entry.getKey() + " " + size + " vs " + Files.size(b));
            }
            else if (!sha256(a).equals(sha256(b)))
            {
                problems.add("SHA-256 differs: " + entry.getKey());
            }
        }
        return new TreeComparison(files, dirs, bytes, problems);
    }

    /**
     * SHA-256 of a file in hex.
     *
     * @param file the file.
     * @return lower-case hex digest.
     * @throws IOException on a read failure.
     */
    public static String sha256(final Path file) throws IOException
    {
        final MessageDigest digest;
        try
        {
            digest = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
        final byte[] buffer = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(file))
        {
            int n;
            while ((n = in.read(buffer)) > 0)
            {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static TreeMap<String, Path> list(final Path root) throws IOException
    {
        final TreeMap<String, Path> paths = new TreeMap<>();
        try (Stream<Path> stream = Files.walk(root))
        {
            stream.filter(p -> !p.equals(root)).forEach(p -> paths.put(root.relativize(p).toString(), p));
        }
        return paths;
    }
}
