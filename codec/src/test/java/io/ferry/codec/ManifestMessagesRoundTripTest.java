package io.ferry.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ManifestMessagesRoundTripTest
{
    private final MessageFixture fixture = new MessageFixture();

    @Test
    void manifestHeaderRoundTrips()
    {
        final ManifestHeaderEncoder encoder = new ManifestHeaderEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .chunkLength(4 << 20)
            .totalBytes(1L << 50)
            .entryCount(10_000_000)
            .chunkCount(64 << 20);
        fixture.assertAccepted(ManifestHeaderDecoder.TEMPLATE_ID, encoder.limit());

        final ManifestHeaderDecoder decoder = new ManifestHeaderDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(4 << 20, decoder.chunkLength());
        assertEquals(1L << 50, decoder.totalBytes());
        assertEquals(10_000_000, decoder.entryCount());
        assertEquals(64 << 20, decoder.chunkCount());
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void fileEntryRoundTripsWithChunkHashesAndPath()
    {
        final byte[][] hashes = {
            TransferMessagesRoundTripTest.sequence(32, 1),
            TransferMessagesRoundTripTest.sequence(32, 2),
            TransferMessagesRoundTripTest.sequence(32, 3) };
        final String path = "données/résumé ü.bin";
        final ManifestEntryEncoder encoder = new ManifestEntryEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .entryType(EntryType.FILE)
            .mode(0644)
            .size(10_485_761L)
            .mtimeMs(1_733_000_000_123L)
            .firstChunk(40);
        final ManifestEntryEncoder.ChunksEncoder chunks = encoder.chunksCount(hashes.length);
        for (final byte[] hash : hashes)
        {
            chunks.next().putHash(hash, 0, hash.length);
        }
        encoder.path(path);
        fixture.assertAccepted(ManifestEntryDecoder.TEMPLATE_ID, encoder.limit());

        final ManifestEntryDecoder decoder = new ManifestEntryDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(EntryType.FILE, decoder.entryType());
        assertEquals(0644, decoder.mode());
        assertEquals(10_485_761L, decoder.size());
        assertEquals(1_733_000_000_123L, decoder.mtimeMs());
        assertEquals(40, decoder.firstChunk());
        final ManifestEntryDecoder.ChunksDecoder decodedChunks = decoder.chunks();
        assertEquals(hashes.length, decodedChunks.count());
        for (final byte[] hash : hashes)
        {
            final byte[] decodedHash = new byte[32];
            assertEquals(32, decodedChunks.next().getHash(decodedHash, 0, decodedHash.length));
            assertArrayEquals(hash, decodedHash);
        }
        assertFalse(decodedChunks.hasNext());
        assertEquals(path, decoder.path());
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void directoryEntryRoundTripsWithoutChunks()
    {
        final ManifestEntryEncoder encoder = new ManifestEntryEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .entryType(EntryType.DIRECTORY)
            .mode(0755)
            .size(0)
            .mtimeMs(-1_000L)
            .firstChunk(43);
        encoder.chunksCount(0);
        encoder.path("données");
        fixture.assertAccepted(ManifestEntryDecoder.TEMPLATE_ID, encoder.limit());

        final ManifestEntryDecoder decoder = new ManifestEntryDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(EntryType.DIRECTORY, decoder.entryType());
        assertEquals(0755, decoder.mode());
        assertEquals(0L, decoder.size());
        assertEquals(-1_000L, decoder.mtimeMs());
        assertEquals(43, decoder.firstChunk());
        assertEquals(0, decoder.chunks().count());
        assertEquals("données", decoder.path());
        assertEquals(encoder.limit(), decoder.limit());
    }
}
