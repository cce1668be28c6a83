package io.ferry.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class DataMessagesRoundTripTest
{
    private final MessageFixture fixture = new MessageFixture();

    @Test
    void dataFrameRoundTripsWithPayload()
    {
        final byte[] payload = TransferMessagesRoundTripTest.sequence(1_376, 11);
        final DataFrameEncoder encoder = new DataFrameEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .transferId(5_000_000_000L)
            .chunkIndex(67_108_863)
            .fileIndex(9_999_999)
            .fileOffset((1L << 40) + 4096)
            .crc32c(0xCAFE_BABE)
            .putPayload(payload, 0, payload.length);
        fixture.assertAccepted(DataFrameDecoder.TEMPLATE_ID, encoder.limit());

        final DataFrameDecoder decoder = new DataFrameDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(5_000_000_000L, decoder.transferId());
        assertEquals(67_108_863, decoder.chunkIndex());
        assertEquals(9_999_999, decoder.fileIndex());
        assertEquals((1L << 40) + 4096, decoder.fileOffset());
        assertEquals(0xCAFE_BABE, decoder.crc32c());
        assertEquals(payload.length, decoder.payloadLength());
        final byte[] decodedPayload = new byte[payload.length];
        assertEquals(payload.length, decoder.getPayload(decodedPayload, 0, decodedPayload.length));
        assertArrayEquals(payload, decodedPayload);
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void chunkAckRoundTripsWithChunks()
    {
        final int[] chunks = { 0, 1, 2, 65_536, Integer.MAX_VALUE };
        final ChunkAckEncoder encoder = new ChunkAckEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .transferId(12L)
            .bytesDurable(987_654_321L);
        final ChunkAckEncoder.ChunksEncoder chunksEncoder = encoder.chunksCount(chunks.length);
        for (final int chunk : chunks)
        {
            chunksEncoder.next().chunkIndex(chunk);
        }
        fixture.assertAccepted(ChunkAckDecoder.TEMPLATE_ID, encoder.limit());

        final ChunkAckDecoder decoder = new ChunkAckDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(12L, decoder.transferId());
        assertEquals(987_654_321L, decoder.bytesDurable());
        final ChunkAckDecoder.ChunksDecoder decodedChunks = decoder.chunks();
        assertEquals(chunks.length, decodedChunks.count());
        for (final int chunk : chunks)
        {
            assertEquals(chunk, decodedChunks.next().chunkIndex());
        }
        assertFalse(decodedChunks.hasNext());
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void resendRequestRoundTripsWithRanges()
    {
        final int[][] ranges = { { 3, 0, 8160 }, { 5, 16320, 24480 }, { Integer.MAX_VALUE, 1 << 30, 1 } };
        final ResendRequestEncoder encoder = new ResendRequestEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .transferId(13L);
        final ResendRequestEncoder.RangesEncoder rangesEncoder = encoder.rangesCount(ranges.length);
        for (final int[] range : ranges)
        {
            rangesEncoder.next().chunkIndex(range[0]).offset(range[1]).length(range[2]);
        }
        fixture.assertAccepted(ResendRequestDecoder.TEMPLATE_ID, encoder.limit());

        final ResendRequestDecoder decoder = new ResendRequestDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(13L, decoder.transferId());
        final ResendRequestDecoder.RangesDecoder decodedRanges = decoder.ranges();
        assertEquals(ranges.length, decodedRanges.count());
        for (final int[] range : ranges)
        {
            final ResendRequestDecoder.RangesDecoder decoded = decodedRanges.next();
            assertEquals(range[0], decoded.chunkIndex());
            assertEquals(range[1], decoded.offset());
            assertEquals(range[2], decoded.length());
        }
        assertFalse(decodedRanges.hasNext());
        assertEquals(encoder.limit(), decoder.limit());
    }
}
