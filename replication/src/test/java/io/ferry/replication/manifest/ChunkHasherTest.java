package io.ferry.replication.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

import static io.ferry.replication.manifest.RawManifestWriter.CHUNK_LENGTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChunkHasherTest
{
    @TempDir
    Path directory;

    @Test
    void hashesChunksLargerThanTheReadBufferAtTheirPlaceInTheArray() throws Exception
    {
        final long seed = System.nanoTime();
        System.out.println("ChunkHasherTest seed=" + seed);
        final int chunkLength = 2 * ChunkHasher.READ_BUFFER_LENGTH;
        final byte[] content = new byte[chunkLength + ChunkHasher.READ_BUFFER_LENGTH + 5];
        new Random(seed).nextBytes(content);
        final Path file = directory.resolve("big");
        Files.write(file, content);
        final byte[] hashes = new byte[4 * Manifest.HASH_LENGTH];

        new ChunkHasher(chunkLength).hash(listed(file), hashes, 2);

        final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        final byte[] expected = new byte[4 * Manifest.HASH_LENGTH];
        System.arraycopy(sha256.digest(Arrays.copyOfRange(content, 0, chunkLength)), 0, expected, 64, 32);
        System.arraycopy(sha256.digest(Arrays.copyOfRange(content, chunkLength, content.length)), 0, expected, 96, 32);
        assertArrayEquals(expected, hashes, "seed " + seed);
    }

    @Test
    void refusesFileWhoseTimeChangedSinceItWasListed() throws IOException
    {
        final Path file = directory.resolve("f");
        Files.write(file, new byte[100]);
        final SourceEntry listed = listed(file);
        Files.setLastModifiedTime(file, FileTime.fromMillis(listed.lastModified().toMillis() - 60_000));

        final IOException ex = assertThrows(IOException.class,
            () -> new ChunkHasher(CHUNK_LENGTH).hash(listed, new byte[Manifest.HASH_LENGTH], 0));
        assertEquals("source changed while hashing: " + file, ex.getMessage());
    }

    @Test
    void refusesFileThatShrankSinceItWasListed() throws IOException
    {
        final Path file = directory.resolve("f");
        Files.write(file, new byte[CHUNK_LENGTH + 10]);
        final SourceEntry listed = listed(file);
        Files.write(file, new byte[10]);

        final IOException ex = assertThrows(IOException.class,
            () -> new ChunkHasher(CHUNK_LENGTH).hash(listed, new byte[2 * Manifest.HASH_LENGTH], 0));
        assertEquals("source changed while hashing: " + file, ex.getMessage());
    }

    @Test
    void refusesFileThatGrewSinceItWasListed() throws IOException
    {
        final Path file = directory.resolve("f");
        Files.write(file, new byte[10]);
        final SourceEntry listed = listed(file);
        Files.write(file, new byte[11]);
        Files.setLastModifiedTime(file, listed.lastModified());

        final IOException ex = assertThrows(IOException.class,
            () -> new ChunkHasher(CHUNK_LENGTH).hash(listed, new byte[Manifest.HASH_LENGTH], 0));
        assertEquals("source changed while hashing: " + file, ex.getMessage());
    }

    private static SourceEntry listed(final Path file) throws IOException
    {
        return new SourceEntry(file.getFileName().toString(), file, false, 0644, Files.size(file),
            Files.getLastModifiedTime(file));
    }
}
