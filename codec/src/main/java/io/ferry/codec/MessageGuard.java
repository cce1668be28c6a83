package io.ferry.codec;

import org.agrona.DirectBuffer;

/**
 * Checks the SBE header of an inbound message before any decoder reads it: length, schema id, version, template
 * and block length.
 */
public final class MessageGuard
{
    /** The message is shorter than its header or its declared block. */
    public static final int TOO_SHORT = -1;
    /** The message belongs to another SBE schema. */
    public static final int WRONG_SCHEMA = -2;
    /** The message was encoded with a schema version this build cannot read. */
    public static final int WRONG_VERSION = -3;
    /** The template id is not one this schema defines. */
    public static final int UNKNOWN_TEMPLATE = -4;

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
     * @return template id when acceptable, else {@link #TOO_SHORT}, {@link #WRONG_SCHEMA}, {@link #WRONG_VERSION}
     * or {@link #UNKNOWN_TEMPLATE}.
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

        final int templateId = header.templateId();
        final int minBlockLength = minBlockLength(templateId);
        if (minBlockLength < 0)
        {
            return UNKNOWN_TEMPLATE;
        }

        final int blockLength = header.blockLength();
        if (blockLength < minBlockLength || length < MessageHeaderDecoder.ENCODED_LENGTH + blockLength)
        {
            return TOO_SHORT;
        }

        return templateId;
    }

    /**
     * Smallest block a message of a template may declare: the block of the schema version that introduced the
     * template, so that a decoder never reads a fixed field beyond the block.
     *
     * @param templateId template id from the header.
     * @return block length, or -1 for a template this schema does not define.
     */
    public static int minBlockLength(final int templateId)
    {
        switch (templateId)
        {
            case HelloDecoder.TEMPLATE_ID: return HelloDecoder.BLOCK_LENGTH;
            case WelcomeDecoder.TEMPLATE_ID: return WelcomeDecoder.BLOCK_LENGTH;
            case HeartbeatDecoder.TEMPLATE_ID: return HeartbeatDecoder.BLOCK_LENGTH;
            case PingDecoder.TEMPLATE_ID: return PingDecoder.BLOCK_LENGTH;
            case PongDecoder.TEMPLATE_ID: return PongDecoder.BLOCK_LENGTH;
            case TransferOfferDecoder.TEMPLATE_ID: return TransferOfferDecoder.BLOCK_LENGTH;
            case ManifestPartDecoder.TEMPLATE_ID: return ManifestPartDecoder.BLOCK_LENGTH;
            case TransferAcceptDecoder.TEMPLATE_ID: return TransferAcceptDecoder.BLOCK_LENGTH;
            case DataFrameDecoder.TEMPLATE_ID: return DataFrameDecoder.BLOCK_LENGTH;
            case ChunkAckDecoder.TEMPLATE_ID: return ChunkAckDecoder.BLOCK_LENGTH;
            case ResendRequestDecoder.TEMPLATE_ID: return ResendRequestDecoder.BLOCK_LENGTH;
            case CommitDecoder.TEMPLATE_ID: return CommitDecoder.BLOCK_LENGTH;
            case CommittedDecoder.TEMPLATE_ID: return CommittedDecoder.BLOCK_LENGTH;
            case RejectDecoder.TEMPLATE_ID: return RejectDecoder.BLOCK_LENGTH;
            case CancelDecoder.TEMPLATE_ID: return CancelDecoder.BLOCK_LENGTH;
            case SealedFrameDecoder.TEMPLATE_ID: return SealedFrameDecoder.BLOCK_LENGTH;
            case ManifestHeaderDecoder.TEMPLATE_ID: return ManifestHeaderDecoder.BLOCK_LENGTH;
            case ManifestEntryDecoder.TEMPLATE_ID: return ManifestEntryDecoder.BLOCK_LENGTH;
            default: return -1;
        }
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
            case UNKNOWN_TEMPLATE:
                return "unknown template id";
            default:
                return "template " + verdict;
        }
    }
}
