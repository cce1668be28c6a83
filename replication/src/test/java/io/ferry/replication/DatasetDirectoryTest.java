package io.ferry.replication;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    private void publish(final DatasetDirectory dataset, final String version, final int second) throws IOException
    {
        Files.createDirectories(root.resolve(version));
        Files.writeString(root.resolve(version).resolve("data"), version);
        dataset.recordDigest(version, "digest-" + version);
        Files.setLastModifiedTime(root.resolve(".ferry/published/" + version + ".digest"),
            FileTime.fromMillis(1_000_000L + second * 1000L));
    }
}
