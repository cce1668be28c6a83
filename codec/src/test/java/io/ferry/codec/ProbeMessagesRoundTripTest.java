package io.ferry.codec;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ProbeMessagesRoundTripTest
{
    private static final long SEED = 0x5eed_4096L;

    private final MessageFixture fixture = new MessageFixture();

    @Test
    void pingRoundTripsWithItsPayload()
    {
        final byte[] payload = payload(4096);
        final PingEncoder encoder = new PingEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .probeId(Long.MAX_VALUE - 3)
            .timestampNs(-17L)
            .putPayload(payload, 0, payload.length);
        fixture.assertAccepted(PingDecoder.TEMPLATE_ID, encoder.limit());
        assertEquals(2, fixture.actingVersion());

        final PingDecoder decoder = new PingDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(Long.MAX_VALUE - 3, decoder.probeId());
        assertEquals(-17L, decoder.timestampNs());
        final byte[] decoded = new byte[decoder.payloadLength()];
        decoder.getPayload(decoded, 0, decoded.length);
        assertArrayEquals(payload, decoded, "seed " + SEED);
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void pongRoundTripsWithAnEmptyPayload()
    {
        final PongEncoder encoder = new PongEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .probeId(1L)
            .timestampNs(123_456_789L)
            .putPayload(new byte[0], 0, 0);
        fixture.assertAccepted(PongDecoder.TEMPLATE_ID, encoder.limit());

        final PongDecoder decoder = new PongDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(1L, decoder.probeId());
        assertEquals(123_456_789L, decoder.timestampNs());
        assertEquals(0, decoder.skipPayload());
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void probesAreVersionTwoAndKeepTheirBlockAtTheGuard()
    {
        assertEquals(2, PingEncoder.SCHEMA_VERSION);
        assertEquals(16, MessageGuard.minBlockLength(PingDecoder.TEMPLATE_ID));
        assertEquals(16, MessageGuard.minBlockLength(PongDecoder.TEMPLATE_ID));

        fixture.headerEncoder.wrap(fixture.buffer, MessageFixture.OFFSET)
            .blockLength(PongDecoder.BLOCK_LENGTH - 1)
            .templateId(PongDecoder.TEMPLATE_ID)
            .schemaId(PongDecoder.SCHEMA_ID)
            .version(PongDecoder.SCHEMA_VERSION);
        assertEquals(MessageGuard.TOO_SHORT, MessageGuard.check(
            fixture.headerDecoder, fixture.buffer, MessageFixture.OFFSET, 64));
    }

    private static byte[] payload(final int length)
    {
        final byte[] bytes = new byte[length];
        new SplittableRandom(SEED).nextBytes(bytes);
        return bytes;
    }
}
