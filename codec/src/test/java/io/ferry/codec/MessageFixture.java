package io.ferry.codec;

import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A buffer and header flyweights for round-trip tests: encode at a non-zero offset, guard, decode.
 */
final class MessageFixture
{
    /** Messages start here rather than at 0 so that offset arithmetic mistakes show up. */
    static final int OFFSET = 24;
    static final int BODY_OFFSET = OFFSET + MessageHeaderEncoder.ENCODED_LENGTH;

    final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8192]);
    final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    /**
     * Run {@link MessageGuard#check} over a message encoded at {@link #OFFSET} and assert it is accepted.
     *
     * @param templateId    template the message must be recognised as.
     * @param encoderLimit  {@code limit()} of the encoder after the last field was written.
     */
    void assertAccepted(final int templateId, final int encoderLimit)
    {
        assertEquals(templateId, MessageGuard.check(headerDecoder, buffer, OFFSET, encoderLimit - OFFSET));
    }

    /**
     * Block length the decoder must be wrapped with, as read from the header.
     *
     * @return acting block length.
     */
    int actingBlockLength()
    {
        return headerDecoder.blockLength();
    }

    /**
     * Schema version the decoder must be wrapped with, as read from the header.
     *
     * @return acting version.
     */
    int actingVersion()
    {
        return headerDecoder.version();
    }
}
