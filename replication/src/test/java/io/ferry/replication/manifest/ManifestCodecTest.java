package io.ferry.replication.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static io.ferry.replication.manifest.ManifestPathRejectTest.decode;
import static io.ferry.replication.manifest.RawManifestWriter.CHUNK_LENGTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestCodecTest
{
    private static final List<ManifestEntry> ENTRIES = List.of(
        new ManifestEntry("a", true, 0755, 0, 1_000L, 0, 0),
        new ManifestEntry("a/big.bin", false, 0640, 2L * CHUNK_LENGTH + 7, 2_000L, 0, 3),
        new ManifestEntry("a/empty", false, 0600, 0, 3_000L, 3, 0),
        new ManifestEntry("a/sub", true, 0700, 0, -4_000L, 3, 0),
        new ManifestEntry("a/sub/ü", false, 0444, 1, 5_000L, 3, 1),
        new ManifestEntry("a-b", false, 0644, CHUNK_LENGTH, 6_000L, 4, 1));

    @Test
    void encodeDecodeEncodeIsByteIdentical() throws ManifestException
    {
        final byte[] hashes = hashes(5);
        final byte[] encoded = ManifestCodec.encode(CHUNK_LENGTH, ENTRIES, hashes);

        final Manifest manifest = decode(encoded);

        assertEquals(ENTRIES, manifest.entries());
        assertEquals(CHUNK_LENGTH, manifest.chunkLength());
        assertEquals(3L * CHUNK_LENGTH + 8, manifest.totalBytes());
        assertEquals(6, manifest.entryCount());
        assertEquals(4, manifest.fileCount());
        assertEquals(5, manifest.chunkCount());
        final byte[] decodedHashes = new byte[hashes.length];
        for (int chunk = 0; chunk < manifest.chunkCount(); chunk++)
        {
            manifest.chunkHash(chunk, decodedHashes, chunk * Manifest.HASH_LENGTH);
        }
        assertArrayEquals(hashes, decodedHashes);
        assertArrayEquals(encoded, manifest.encoded());
        assertArrayEquals(encoded, ManifestCodec.encode(manifest.chunkLength(), manifest.entries(), decodedHashes));
    }

    @Test
    void digestIsSha256OfEncodedBytes() throws Exception
    {
        final byte[] encoded = ManifestCodec.encode(CHUNK_LENGTH, ENTRIES, hashes(5));
        final Manifest manifest = decode(encoded);

        final byte[] expected = MessageDigest.getInstance("SHA-256").digest(encoded);
        assertArrayEquals(expected, manifest.digest());
        assertEquals(64, manifest.digestHex().length());
        assertEquals(HexFormat.of().formatHex(expected), manifest.digestHex());
    }

    @Test
    void builtManifestRoundTrips(@TempDir final Path root) throws IOException, ManifestException
    {
        Files.createDirectories(root.resolve("x/y"));
        Files.write(root.resolve("x/y/data"), new byte[CHUNK_LENGTH * 2 + 3]);
        Files.writeString(root.resolve("x/note é.txt"), "hello");
        final Manifest built = ManifestBuilder.build(root, CHUNK_LENGTH);

        final Manifest decoded = decode(built.encoded());

        assertEquals(built.entries(), decoded.entries());
        assertArrayEquals(built.digest(), decoded.digest());
        assertArrayEquals(built.encoded(), decoded.encoded());
        final byte[] hash = new byte[Manifest.HASH_LENGTH];
        for (int chunk = 0; chunk < built.chunkCount(); chunk++)
        {
            built.chunkHash(chunk, hash, 0);
            assertTrue(decoded.chunkHashEquals(chunk, hash, 0), "chunk " + chunk);
        }
    }

    @Test
    void emptyManifestRoundTrips() throws ManifestException
    {
        final byte[] encoded = ManifestCodec.encode(CHUNK_LENGTH, List.of(), new byte[0]);
        final Manifest manifest = decode(encoded);

        assertEquals(0, manifest.entryCount());
        assertEquals(0, manifest.chunkCount());
        assertEquals(0, manifest.totalBytes());
        assertEquals(ManifestCodec.MESSAGE_HEADER_LENGTH + 20, encoded.length);
    }

    @Test
    void decodesOnlyTheGivenLengthOfALargerArray() throws ManifestException
    {
        final byte[] encoded = ManifestCodec.encode(CHUNK_LENGTH, ENTRIES, hashes(5));
        final byte[] padded = Arrays.copyOf(encoded, encoded.length + 100);
        Arrays.fill(padded, encoded.length, padded.length, (byte)0x7F);

        final Manifest manifest = ManifestCodec.decode(padded, encoded.length, ManifestLimits.defaults());

        assertArrayEquals(encoded, manifest.encoded());
    }

    @Test
    void decodesNewerVersionWithLargerBlocksAndKeepsItsBytes() throws ManifestException
    {
        final RawManifestWriter current = new RawManifestWriter().directory("d").file("d/f", CHUNK_LENGTH + 1);
        final byte[] newerBytes = new RawManifestWriter()
            .newerVersion(8, 16)
            .directory("d")
            .file("d/f", CHUNK_LENGTH + 1)
            .bytes();

        final Manifest newer = decode(newerBytes);
        final Manifest expected = decode(current.bytes());

        assertEquals(expected.entries(), newer.entries());
        for (int chunk = 0; chunk < 2; chunk++)
        {
            assertTrue(newer.chunkHashEquals(chunk, RawManifestWriter.hashOf(chunk), 0), "chunk " + chunk);
        }
        assertArrayEquals(newerBytes, newer.encoded());
        assertFalse(Arrays.equals(expected.digest(), newer.digest()));
    }

    @Test
    void encodedAndDigestAreCopies() throws ManifestException
    {
        final Manifest manifest = decode(ManifestCodec.encode(CHUNK_LENGTH, ENTRIES, hashes(5)));
        final byte[] digest = manifest.digest();

        manifest.encoded()[0] ^= 1;
        manifest.digest()[0] ^= 1;

        assertArrayEquals(digest, manifest.digest());
        assertEquals(CHUNK_LENGTH, decode(manifest.encoded()).chunkLength());
    }

    @Test
    void encodeRefusesWhatDecodeWouldReject()
    {
        final List<ManifestEntry> unsorted = new ArrayList<>(ENTRIES);
        unsorted.add(new ManifestEntry("a/zz", false, 0644, 0, 0, 5, 0));
        final IllegalArgumentException unsortedEx = assertThrows(IllegalArgumentException.class,
            () -> ManifestCodec.encode(CHUNK_LENGTH, unsorted, hashes(5)));
        assertEquals("entry 6 \"a/zz\": not sorted: it must come before \"a-b\"", unsortedEx.getMessage());

        final IllegalArgumentException surrogateEx = assertThrows(IllegalArgumentException.class,
            () -> ManifestCodec.encode(CHUNK_LENGTH, List.of(new ManifestEntry("a\uD800", true, 0755, 0, 0, 0, 0)),
            new byte[0]));
        assertEquals("entry 0 \"a\uD800\": path is not valid Unicode", surrogateEx.getMessage());

        final IllegalArgumentException hashesEx = assertThrows(IllegalArgumentException.class,
            () -> ManifestCodec.encode(CHUNK_LENGTH, ENTRIES, hashes(4)));
        assertEquals("entries have 5 chunks but 128 bytes of hashes were given", hashesEx.getMessage());

        final IllegalArgumentException chunkLengthEx = assertThrows(IllegalArgumentException.class,
            () -> ManifestCodec.encode(3 * CHUNK_LENGTH, List.of(), new byte[0]));
        assertEquals("chunk length 196608 is not a power of two between 65536 and 1073741824",
            chunkLengthEx.getMessage());
    }

    @Test
    void encodeRefusesMoreChunksPerFileThanAGroupHolds()
    {
        final long size = (long)(Manifest.MAX_CHUNKS_PER_FILE + 1) * CHUNK_LENGTH;
        final List<ManifestEntry> entries =
            List.of(new ManifestEntry("huge", false, 0644, size, 0, 0, Manifest.MAX_CHUNKS_PER_FILE + 1));

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ManifestCodec.encode(CHUNK_LENGTH, entries, hashes(Manifest.MAX_CHUNKS_PER_FILE + 1)));
        assertEquals("entry 0 \"huge\": has 65535 chunks, more than 65534 per file; use a larger chunk length",
            ex.getMessage());
    }

    private static byte[] hashes(final int chunkCount)
    {
        final byte[] hashes = new byte[chunkCount * Manifest.HASH_LENGTH];
        for (int chunk = 0; chunk < chunkCount; chunk++)
        {
            System.arraycopy(RawManifestWriter.hashOf(chunk), 0, hashes, chunk * Manifest.HASH_LENGTH,
                Manifest.HASH_LENGTH);
        }
        return hashes;
    }
}
