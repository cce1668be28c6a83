package io.ferry.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class TransferMessagesRoundTripTest
{
    private final MessageFixture fixture = new MessageFixture();

    @ParameterizedTest
    @EnumSource(value = TransferKind.class, names = "NULL_VAL", mode = EnumSource.Mode.EXCLUDE)
    void transferOfferRoundTripsForEveryKind(final TransferKind kind)
    {
        for (final Priority priority : new Priority[]{ Priority.HIGH, Priority.NORMAL, Priority.BULK })
        {
            final byte[] digest = sequence(32, 200);
            final TransferOfferEncoder encoder = new TransferOfferEncoder()
                .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
                .transferId(0x0123_4567_89AB_CDEFL)
                .kind(kind)
                .priority(priority)
                .manifestLength(1_048_577)
                .putManifestDigest(digest, 0, digest.length)
                .totalBytes(1L << 50)
                .chunkCount(67_108_864)
                .frameLength(8120)
                .dataset("llama-ckpt")
                .version("step-1200");
            fixture.assertAccepted(TransferOfferDecoder.TEMPLATE_ID, encoder.limit());

            final TransferOfferDecoder decoder = new TransferOfferDecoder().wrap(
                fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
            assertEquals(0x0123_4567_89AB_CDEFL, decoder.transferId());
            assertEquals(kind, decoder.kind());
            assertEquals(priority, decoder.priority());
            assertEquals(1_048_577, decoder.manifestLength());
            final byte[] decodedDigest = new byte[32];
            assertEquals(32, decoder.getManifestDigest(decodedDigest, 0, decodedDigest.length));
            assertArrayEquals(digest, decodedDigest);
            assertEquals(1L << 50, decoder.totalBytes());
            assertEquals(67_108_864, decoder.chunkCount());
            assertEquals(8120, decoder.frameLength());
            assertEquals("llama-ckpt", decoder.dataset());
            assertEquals("step-1200", decoder.version());
            assertEquals(encoder.limit(), decoder.limit());
        }
    }

    @Test
    void manifestPartRoundTrips()
    {
        final byte[] part = sequence(1000, 3);
        final ManifestPartEncoder encoder = new ManifestPartEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .transferId(-5L)
            .partOffset(3_000_000)
            .putBytes(part, 0, part.length);
        fixture.assertAccepted(ManifestPartDecoder.TEMPLATE_ID, encoder.limit());

        final ManifestPartDecoder decoder = new ManifestPartDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(-5L, decoder.transferId());
        assertEquals(3_000_000, decoder.partOffset());
        assertEquals(part.length, decoder.bytesLength());
        final byte[] decodedPart = new byte[part.length];
        assertEquals(part.length, decoder.getBytes(decodedPart, 0, decodedPart.length));
        assertArrayEquals(part, decodedPart);
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void transferAcceptRoundTripsWithHeldRanges()
    {
        final int[][] ranges = { { 0, 10 }, { 17, 1 }, { 1_000_000, 65_535 } };
        final TransferAcceptEncoder encoder = new TransferAcceptEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .transferId(77L);
        final TransferAcceptEncoder.HeldRangesEncoder heldRanges = encoder.heldRangesCount(ranges.length);
        for (final int[] range : ranges)
        {
            heldRanges.next().firstChunk(range[0]).chunkCount(range[1]);
        }
        fixture.assertAccepted(TransferAcceptDecoder.TEMPLATE_ID, encoder.limit());

        final TransferAcceptDecoder decoder = new TransferAcceptDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(77L, decoder.transferId());
        final TransferAcceptDecoder.HeldRangesDecoder decodedRanges = decoder.heldRanges();
        assertEquals(ranges.length, decodedRanges.count());
        for (final int[] range : ranges)
        {
            decodedRanges.next();
            assertEquals(range[0], decodedRanges.firstChunk());
            assertEquals(range[1], decodedRanges.chunkCount());
        }
        assertFalse(decodedRanges.hasNext());
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void transferAcceptRoundTripsWithNoHeldRanges()
    {
        final TransferAcceptEncoder encoder = new TransferAcceptEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .transferId(78L);
        encoder.heldRangesCount(0);
        fixture.assertAccepted(TransferAcceptDecoder.TEMPLATE_ID, encoder.limit());

        final TransferAcceptDecoder decoder = new TransferAcceptDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(78L, decoder.transferId());
        assertEquals(0, decoder.heldRanges().count());
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void commitRoundTrips()
    {
        final CommitEncoder encoder = new CommitEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .transferId(Long.MAX_VALUE);
        fixture.assertAccepted(CommitDecoder.TEMPLATE_ID, encoder.limit());

        final CommitDecoder decoder = new CommitDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(Long.MAX_VALUE, decoder.transferId());
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void committedRoundTrips()
    {
        final CommittedEncoder encoder = new CommittedEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .transferId(9L)
            .bytesReceived(123_456_789_012L);
        fixture.assertAccepted(CommittedDecoder.TEMPLATE_ID, encoder.limit());

        final CommittedDecoder decoder = new CommittedDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(9L, decoder.transferId());
        assertEquals(123_456_789_012L, decoder.bytesReceived());
        assertEquals(encoder.limit(), decoder.limit());
    }

    @ParameterizedTest
    @EnumSource(value = RejectReason.class, names = "NULL_VAL", mode = EnumSource.Mode.EXCLUDE)
    void rejectRoundTripsForEveryReason(final RejectReason reason)
    {
        final String message = "entry 12 \"a/../b\": path contains '..' (" + reason + ")";
        final RejectEncoder encoder = new RejectEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .transferId(31L)
            .reason(reason)
            .message(message);
        fixture.assertAccepted(RejectDecoder.TEMPLATE_ID, encoder.limit());

        final RejectDecoder decoder = new RejectDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(31L, decoder.transferId());
        assertEquals(reason, decoder.reason());
        assertEquals(message, decoder.message());
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void cancelRoundTrips()
    {
        final CancelEncoder encoder = new CancelEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .transferId(-1L);
        fixture.assertAccepted(CancelDecoder.TEMPLATE_ID, encoder.limit());

        final CancelDecoder decoder = new CancelDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(-1L, decoder.transferId());
        assertEquals(encoder.limit(), decoder.limit());
    }

    static byte[] sequence(final int length, final int start)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(start + i * 7);
        }
        return bytes;
    }
}
