package io.ferry.codec;

import org.agrona.DirectBuffer;

/**
 * Checks the SBE header of an inbound message before any decoder reads it: length, schema id and version.
 */
public final class MessageGuard
{
    /** The message is shorter than its header or its declared block. */
    public static final int TOO_SHORT = -1;
    /** The message belongs to another SBE schema. */
    public static final int WRONG_SCHEMA = -2;
    /** The message was encoded with a schema version this build cannot read. */
    public static final int WRONG_VERSION = -3;

    /** Oldest schema version this build decodes. */
    public static final int MIN_SUPPORTED_VERSION = 1;

    private MessageGuard()
    {
    }

    /**
     * Wrap the header at {@code offset} and return the template id, or a negative verdict.
     *
     * @param header decoder to wrap; left positioned on the message for the caller.
     * @param buffer buffer holding the message.
     * @param offset offset of the header.
     * @param length bytes available from {@code offset}.
     * @return template id when acceptable, else {@link #TOO_SHORT}, {@link #WRONG_SCHEMA} or {@link #WRONG_VERSION}.
     */
    public static int check(final MessageHeaderDecoder header, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return TOO_SHORT;
        }

        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return WRONG_SCHEMA;
        }

        final int version = header.version();
        if (version < MIN_SUPPORTED_VERSION)
        {
            return WRONG_VERSION;
        }

        if (length < MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength())
        {
            return TOO_SHORT;
        }

        return header.templateId();
    }

    /**
     * Text for a negative verdict, for logs and error counters.
     *
     * @param verdict value returned by {@link #check}.
     * @return a short description.
     */
    public static String describe(final int verdict)
    {
        switch (verdict)
        {
            case TOO_SHORT:
                return "message shorter than its header or block";
            case WRONG_SCHEMA:
                return "schema id is not ferry's (" + MessageHeaderDecoder.SCHEMA_ID + ")";
            case WRONG_VERSION:
                return "unsupported schema version";
            default:
                return "template " + verdict;
        }
    }
}
