package io.ferry.replication;

import io.ferry.replication.manifest.Manifest;
import io.ferry.replication.manifest.ManifestCodec;
import io.ferry.replication.manifest.ManifestException;
import io.ferry.replication.manifest.ManifestLimits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The layout of one dataset root: published versions as directories, {@code current} as a symlink to the newest,
 * and ferry's own bookkeeping (staging, digests and manifests of published versions) under {@code .ferry/}.
 */
public final class DatasetDirectory
{
    /** Name of the symlink to the newest committed version. */
    public static final String CURRENT_LINK = "current";
    /** Name of ferry's bookkeeping directory inside a dataset root. */
    public static final String FERRY_DIR = ".ferry";

    private final Path root;

    /**
     * A dataset root.
     *
     * @param root absolute root directory.
     */
    public DatasetDirectory(final Path root)
    {
        this.root = root;
    }

    /**
     * The root directory.
     *
     * @return root.
     */
    public Path root()
    {
        return root;
    }

    /**
     * Where a version is published.
     *
     * @param version version label.
     * @return path.
     */
    public Path versionPath(final String version)
    {
        return root.resolve(version);
    }

    /**
     * Staging directory of one inbound transfer.
     *
     * @param transferId transfer id.
     * @return path.
     */
    public Path stagingPath(final long transferId)
    {
        return root.resolve(FERRY_DIR).resolve("staging").resolve(TransferIds.format(transferId));
    }

    /**
     * Digest recorded for a published version, or null if none is recorded.
     *
     * @param version version label.
     * @return lower-case hex digest or null.
     * @throws IOException if the record exists but cannot be read.
     */
    public String publishedDigest(final String version) throws IOException
    {
        final Path record = digestRecord(version);
        return Files.exists(record) ? Files.readString(record, StandardCharsets.US_ASCII).trim() : null;
    }

    /**
     * Record the digest of a version just published, durably.
     *
     * @param version   version label.
     * @param digestHex manifest digest.
     * @throws IOException on a write failure.
     */
    public void recordDigest(final String version, final String digestHex) throws IOException
    {
        writeDurably(digestRecord(version), (digestHex + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Keep the encoded manifest of a version about to be published, durably, so the next version can reuse its files.
     *
     * @param version version label.
     * @param encoded manifest bytes as received.
     * @throws IOException on a write failure.
     */
    public void recordManifest(final String version, final byte[] encoded) throws IOException
    {
        writeDurably(manifestRecord(version), encoded);
    }

    /**
     * The manifest of a published version, decoded and validated as hostile input and checked against the version's
     * digest record; null when it is missing, too large, corrupt or does not match, so that callers only lose reuse.
     *
     * @param version version label.
     * @return the manifest or null.
     */
    public Manifest publishedManifest(final String version)
    {
        if (null == version || null != VersionLabels.problem(version))
        {
            return null;
        }
        try
        {
            final Path record = manifestRecord(version);
            final String digest = publishedDigest(version);
            if (null == digest || !Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS) ||
                Files.size(record) > TargetEngine.MAX_MANIFEST_LENGTH)
            {
                return null;
            }
            final byte[] bytes = Files.readAllBytes(record);
            final Manifest manifest = ManifestCodec.decode(bytes, bytes.length, ManifestLimits.defaults());
            return digest.equals(manifest.digestHex()) ? manifest : null;
        }
        catch (final IOException | ManifestException ex)
        {
            return null;
        }
    }

    /**
     * Point {@code current} at a version with one atomic rename of a fresh symlink over the old one.
     *
     * @param version version label.
     * @param tag     unique suffix for the temporary link.
     * @throws IOException on failure.
     */
    public void swapCurrent(final String version, final String tag) throws IOException
    {
        final Path tmp = root.resolve(FERRY_DIR).resolve("current." + tag + ".tmp");
        Files.createDirectories(tmp.getParent());
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(version));
        Files.move(tmp, root.resolve(CURRENT_LINK), StandardCopyOption.ATOMIC_MOVE);
        FileSync.force(root);
    }

    /**
     * Version {@code current} points at, or null.
     *
     * @return version label or null.
     */
    public String current()
    {
        final Path link = root.resolve(CURRENT_LINK);
        try
        {
            return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).toString() : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /**
     * Published versions, oldest first by modification time.
     *
     * @return labels.
     */
    public List<String> versions()
    {
        final List<Path> dirs = new ArrayList<>();
        if (!Files.isDirectory(root))
        {
            return List.of();
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root))
        {
            for (final Path path : stream)
            {
                final String name = path.getFileName().toString();
                if (!name.startsWith(".") && !name.equals(CURRENT_LINK) &&
                    Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                {
                    dirs.add(path);
                }
            }
        }
        catch (final IOException ex)
        {
            return List.of();
        }
        dirs.sort(Comparator.comparing(DatasetDirectory::modifiedTime).thenComparing(Path::toString));
        final List<String> labels = new ArrayList<>(dirs.size());
        for (final Path dir : dirs)
        {
            labels.add(dir.getFileName().toString());
        }
        return labels;
    }

    private static FileTime modifiedTime(final Path path)
    {
        try
        {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
        }
        catch (final IOException ex)
        {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * Delete the versions ferry published that are older than the newest {@code retain}, except the one
     * {@code current} points at; a directory ferry did not publish (one without a digest record) is never touched.
     *
     * @param retain versions to keep.
     * @return labels of the versions deleted.
     * @throws IOException if a deletion fails.
     */
    public List<String> applyRetention(final int retain) throws IOException
    {
        final Path published = root.resolve(FERRY_DIR).resolve("published");
        if (!Files.isDirectory(published))
        {
            return List.of();
        }
        final List<Path> records = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(published, "*.digest"))
        {
            for (final Path record : stream)
            {
                records.add(record);
            }
        }
        records.sort(Comparator.comparing(DatasetDirectory::modifiedTime).thenComparing(Path::toString));
        final String current = current();
        final List<String> deleted = new ArrayList<>();
        for (int i = 0, oldestKept = records.size() - retain; i < oldestKept; i++)
        {
            final String name = records.get(i).getFileName().toString();
            final String version = name.substring(0, name.length() - ".digest".length());
            if (version.equals(current))
            {
                continue;
            }
            deleteTree(versionPath(version));
            Files.deleteIfExists(manifestRecord(version));
            Files.deleteIfExists(records.get(i));
            deleted.add(version);
        }
        return deleted;
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS))
        {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toArray(Path[]::new))
            {
                Files.deleteIfExists(path);
            }
        }
    }

    private Path digestRecord(final String version)
    {
        return root.resolve(FERRY_DIR).resolve("published").resolve(version + ".digest");
    }

    private static void writeDurably(final Path record, final byte[] content) throws IOException
    {
        Files.createDirectories(record.getParent());
        final Path tmp = record.resolveSibling(record.getFileName() + ".tmp");
        Files.write(tmp, content);
        FileSync.force(tmp);
        Files.move(tmp, record, StandardCopyOption.ATOMIC_MOVE);
        FileSync.force(record.getParent());
    }

    private Path manifestRecord(final String version)
    {
        return root.resolve(FERRY_DIR).resolve("published").resolve(version + ".manifest");
    }
}
