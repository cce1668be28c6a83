package io.ferry.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionMessagesRoundTripTest
{
    private final MessageFixture fixture = new MessageFixture();

    @Test
    void helloRoundTrips()
    {
        final HelloEncoder encoder = new HelloEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .protocolVersion(65_534)
            .capabilities(0x8000_0000_0000_0001L)
            .nonce(Long.MIN_VALUE + 7)
            .dataSessionId(-123_456)
            .hubId("hub-west-ü");
        fixture.assertAccepted(HelloDecoder.TEMPLATE_ID, encoder.limit());

        final HelloDecoder decoder = new HelloDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(65_534, decoder.protocolVersion());
        assertEquals(0x8000_0000_0000_0001L, decoder.capabilities());
        assertEquals(Long.MIN_VALUE + 7, decoder.nonce());
        assertEquals(-123_456, decoder.dataSessionId());
        assertEquals("hub-west-ü", decoder.hubId());
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void welcomeRoundTrips()
    {
        final WelcomeEncoder encoder = new WelcomeEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .protocolVersion(1)
            .capabilities(-1L >>> 1)
            .nonce(42L)
            .dataSessionId(Integer.MAX_VALUE)
            .helloNonce(-7L)
            .hubId("east");
        fixture.assertAccepted(WelcomeDecoder.TEMPLATE_ID, encoder.limit());

        final WelcomeDecoder decoder = new WelcomeDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(1, decoder.protocolVersion());
        assertEquals(-1L >>> 1, decoder.capabilities());
        assertEquals(42L, decoder.nonce());
        assertEquals(Integer.MAX_VALUE, decoder.dataSessionId());
        assertEquals(-7L, decoder.helloNonce());
        assertEquals("east", decoder.hubId());
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void emptyHubIdRoundTrips()
    {
        final HelloEncoder encoder = new HelloEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .protocolVersion(1)
            .capabilities(0)
            .nonce(0)
            .dataSessionId(0)
            .hubId("");
        fixture.assertAccepted(HelloDecoder.TEMPLATE_ID, encoder.limit());

        final HelloDecoder decoder = new HelloDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(0, decoder.hubIdLength());
        assertEquals("", decoder.hubId());
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void heartbeatRoundTrips()
    {
        final HeartbeatEncoder encoder = new HeartbeatEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .timestampNs(1_733_000_000_123_456_789L)
            .echoTimestampNs(1_733_000_000_000_000_001L)
            .echoHoldNs(250_000L);
        fixture.assertAccepted(HeartbeatDecoder.TEMPLATE_ID, encoder.limit());

        final HeartbeatDecoder decoder = new HeartbeatDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(1_733_000_000_123_456_789L, decoder.timestampNs());
        assertEquals(1_733_000_000_000_000_001L, decoder.echoTimestampNs());
        assertEquals(250_000L, decoder.echoHoldNs());
        assertEquals(HeartbeatDecoder.BLOCK_LENGTH, fixture.actingBlockLength());
        assertEquals(encoder.limit(), decoder.limit());
    }
}
