package io.ferry.replication;

import io.ferry.replication.manifest.Manifest;
import io.ferry.replication.manifest.ManifestBuilder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetDirectoryTest
{
    @TempDir
    Path root;

    @Test
    void retentionKeepsTheNewestVersionsAndCurrent() throws IOException
    {
        final DatasetDirectory dataset = new DatasetDirectory(root);
        for (int i = 1; i <= 5; i++)
        {
            publish(dataset, "v" + i, i);
        }
        dataset.swapCurrent("v5", "t1");
        Files.createDirectories(root.resolve("hand-made"));

        assertEquals(List.of("v1", "v2"), dataset.applyRetention(3));

        assertFalse(Files.exists(root.resolve("v1")));
        assertFalse(Files.exists(root.resolve("v2")));
        assertTrue(Files.isDirectory(root.resolve("v3")));
        assertTrue(Files.isDirectory(root.resolve("v5")));
        assertTrue(Files.isDirectory(root.resolve("hand-made")), "a directory ferry did not publish was deleted");
        assertEquals(null, dataset.publishedDigest("v1"));
        assertEquals("digest-v3", dataset.publishedDigest("v3"));
    }

    @Test
    void retentionNeverDeletesTheVersionCurrentPointsAt() throws IOException
    {
        final DatasetDirectory dataset = new DatasetDirectory(root);
        for (int i = 1; i <= 4; i++)
        {
            publish(dataset, "v" + i, i);
        }
        dataset.swapCurrent("v1", "t1");

        assertEquals(List.of("v2", "v3"), dataset.applyRetention(1));

        assertTrue(Files.isDirectory(root.resolve("v1")));
        assertTrue(Files.isDirectory(root.resolve("v4")));
        assertEquals("v1", dataset.current());
    }

    @Test
    void keepsTheManifestOfAPublishedVersionUntilRetentionDeletesIt() throws IOException
    {
        final DatasetDirectory dataset = new DatasetDirectory(root);
        final Manifest manifest = manifestOf("v1");
        dataset.recordManifest("v1", manifest.encoded());
        assertNull(dataset.publishedManifest("v1"), "a manifest without a digest record is not a published version's");
        dataset.recordDigest("v1", manifest.digestHex());

        assertEquals(manifest.digestHex(), dataset.publishedManifest("v1").digestHex());
        Files.setLastModifiedTime(root.resolve(".ferry/published/v1.digest"), FileTime.fromMillis(1_001_000L));

        publish(dataset, "v2", 2);
        publish(dataset, "v3", 3);
        dataset.swapCurrent("v3", "t1");
        assertEquals(List.of("v1"), dataset.applyRetention(2));
        assertFalse(Files.exists(root.resolve(".ferry/published/v1.manifest")));
    }

    @Test
    void aCorruptOrMismatchedManifestRecordMeansNoManifest() throws IOException
    {
        final DatasetDirectory dataset = new DatasetDirectory(root);
        final Manifest manifest = manifestOf("v1");
        final byte[] encoded = manifest.encoded();
        dataset.recordDigest("v1", manifest.digestHex());

        encoded[encoded.length / 2] ^= 1;
        dataset.recordManifest("v1", encoded);
        assertNull(dataset.publishedManifest("v1"));

        dataset.recordManifest("v1", java.util.Arrays.copyOf(manifest.encoded(), encoded.length - 7));
        assertNull(dataset.publishedManifest("v1"));

        dataset.recordManifest("v1", manifest.encoded());
        dataset.recordDigest("v1", "0".repeat(64));
        assertNull(dataset.publishedManifest("v1"));
        assertNull(dataset.publishedManifest("../v1"));
        assertNull(dataset.publishedManifest(null));
    }

    private Manifest manifestOf(final String version) throws IOException
    {
        final Path dir = Files.createDirectories(root.resolve(version));
        Files.writeString(dir.resolve("data"), "content of " + version);
        return ManifestBuilder.build(dir, Manifest.MIN_CHUNK_LENGTH);
    }

    private void publish(final DatasetDirectory dataset, final String version, final int second) throws IOException
    {
        Files.createDirectories(root.resolve(version));
        Files.writeString(root.resolve(version).resolve("data"), version);
        dataset.recordDigest(version, "digest-" + version);
        Files.setLastModifiedTime(root.resolve(".ferry/published/" + version + ".digest"),
            FileTime.fromMillis(1_000_000L + second * 1000L));
    }
}
