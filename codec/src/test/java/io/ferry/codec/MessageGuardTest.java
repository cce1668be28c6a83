package io.ferry.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MessageGuardTest
{
    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    /** Bytes a hypothetical next schema version appends to a block; decoders of this version must skip them. */
    private static final int EXTENSION_LENGTH = 12;

    private final MessageFixture fixture = new MessageFixture();

    @Test
    void acceptsCurrentMessageAndLeavesHeaderWrapped()
    {
        final int limit = encodeCommit();

        assertEquals(CommitDecoder.TEMPLATE_ID, MessageGuard.check(
            fixture.headerDecoder, fixture.buffer, MessageFixture.OFFSET, limit - MessageFixture.OFFSET));
        assertEquals(CommitDecoder.BLOCK_LENGTH, fixture.headerDecoder.blockLength());
        assertEquals(CommitDecoder.SCHEMA_VERSION, fixture.headerDecoder.version());
    }

    @Test
    void rejectsAnotherSchema()
    {
        final int limit = encodeCommit();
        fixture.headerEncoder.wrap(fixture.buffer, MessageFixture.OFFSET).schemaId(MessageHeaderEncoder.SCHEMA_ID + 1);

        assertEquals(MessageGuard.WRONG_SCHEMA, MessageGuard.check(
            fixture.headerDecoder, fixture.buffer, MessageFixture.OFFSET, limit - MessageFixture.OFFSET));
    }

    @Test
    void rejectsVersionOlderThanSupported()
    {
        final int limit = encodeCommit();
        fixture.headerEncoder.wrap(fixture.buffer, MessageFixture.OFFSET)
            .version(MessageGuard.MIN_SUPPORTED_VERSION - 1);

        assertEquals(MessageGuard.WRONG_VERSION, MessageGuard.check(
            fixture.headerDecoder, fixture.buffer, MessageFixture.OFFSET, limit - MessageFixture.OFFSET));
    }

    @Test
    void rejectsEveryLengthShorterThanHeader()
    {
        encodeCommit();

        for (int length = 0; length < HEADER_LENGTH; length++)
        {
            assertEquals(MessageGuard.TOO_SHORT, MessageGuard.check(
                fixture.headerDecoder, fixture.buffer, MessageFixture.OFFSET, length), "length " + length);
        }
    }

    @Test
    void rejectsEveryLengthShorterThanHeaderPlusBlock()
    {
        encodeCommit();

        for (int length = HEADER_LENGTH; length < HEADER_LENGTH + CommitDecoder.BLOCK_LENGTH; length++)
        {
            assertEquals(MessageGuard.TOO_SHORT, MessageGuard.check(
                fixture.headerDecoder, fixture.buffer, MessageFixture.OFFSET, length), "length " + length);
        }
        assertEquals(CommitDecoder.TEMPLATE_ID, MessageGuard.check(
            fixture.headerDecoder, fixture.buffer, MessageFixture.OFFSET, HEADER_LENGTH + CommitDecoder.BLOCK_LENGTH));
    }

    @Test
    void rejectsNewerMessageTruncatedWithinItsLargerBlock()
    {
        final int limit = encodeNewerHello("west");

        assertEquals(MessageGuard.TOO_SHORT, MessageGuard.check(
            fixture.headerDecoder, fixture.buffer, MessageFixture.OFFSET, HEADER_LENGTH + HelloDecoder.BLOCK_LENGTH));
        assertEquals(HelloDecoder.TEMPLATE_ID, MessageGuard.check(
            fixture.headerDecoder, fixture.buffer, MessageFixture.OFFSET, limit - MessageFixture.OFFSET));
    }

    @Test
    void decodesKnownFieldsOfNewerVersionWithLargerBlock()
    {
        final int limit = encodeNewerHello("hub-ü");

        assertEquals(HelloDecoder.TEMPLATE_ID, MessageGuard.check(
            fixture.headerDecoder, fixture.buffer, MessageFixture.OFFSET, limit - MessageFixture.OFFSET));
        assertEquals(HelloDecoder.SCHEMA_VERSION + 1, fixture.actingVersion());
        assertEquals(HelloDecoder.BLOCK_LENGTH + EXTENSION_LENGTH, fixture.actingBlockLength());

        final HelloDecoder decoder = new HelloDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(7, decoder.protocolVersion());
        assertEquals(0xF0F0L, decoder.capabilities());
        assertEquals(-99L, decoder.nonce());
        assertEquals(1234, decoder.dataSessionId());
        assertEquals("hub-ü", decoder.hubId());
        assertEquals(limit, decoder.limit());
    }

    @Test
    void decodesGroupsAndPathOfNewerManifestEntryWithLargerBlock()
    {
        final byte[] hash = TransferMessagesRoundTripTest.sequence(32, 9);
        final int bodyLength = ManifestEntryEncoder.BLOCK_LENGTH + EXTENSION_LENGTH;
        fixture.headerEncoder.wrap(fixture.buffer, MessageFixture.OFFSET)
            .blockLength(bodyLength)
            .templateId(ManifestEntryEncoder.TEMPLATE_ID)
            .schemaId(ManifestEntryEncoder.SCHEMA_ID)
            .version(ManifestEntryEncoder.SCHEMA_VERSION + 1);
        final ManifestEntryEncoder encoder = new ManifestEntryEncoder()
            .wrap(fixture.buffer, MessageFixture.BODY_OFFSET)
            .entryType(EntryType.FILE)
            .mode(0600)
            .size(5)
            .mtimeMs(77)
            .firstChunk(3);
        fillExtension(MessageFixture.BODY_OFFSET + ManifestEntryEncoder.BLOCK_LENGTH);
        encoder.limit(MessageFixture.BODY_OFFSET + bodyLength);
        encoder.chunksCount(1).next().putHash(hash, 0, hash.length);
        encoder.path("a/b");

        assertEquals(ManifestEntryDecoder.TEMPLATE_ID, MessageGuard.check(
            fixture.headerDecoder, fixture.buffer, MessageFixture.OFFSET, encoder.limit() - MessageFixture.OFFSET));
        final ManifestEntryDecoder decoder = new ManifestEntryDecoder().wrap(
            fixture.buffer, MessageFixture.BODY_OFFSET, fixture.actingBlockLength(), fixture.actingVersion());
        assertEquals(EntryType.FILE, decoder.entryType());
        assertEquals(0600, decoder.mode());
        assertEquals(5L, decoder.size());
        assertEquals(77L, decoder.mtimeMs());
        assertEquals(3, decoder.firstChunk());
        final ManifestEntryDecoder.ChunksDecoder chunks = decoder.chunks();
        assertEquals(1, chunks.count());
        final byte[] decodedHash = new byte[32];
        chunks.next().getHash(decodedHash, 0, decodedHash.length);
        assertArrayEquals(hash, decodedHash);
        assertEquals("a/b", decoder.path());
        assertEquals(encoder.limit(), decoder.limit());
    }

    @Test
    void rejectsBlockShorterThanTemplateDeclares()
    {
        final int limit = encodeCommit();
        fixture.headerEncoder.wrap(fixture.buffer, MessageFixture.OFFSET).blockLength(CommitDecoder.BLOCK_LENGTH - 1);

        assertEquals(MessageGuard.TOO_SHORT, MessageGuard.check(
            fixture.headerDecoder, fixture.buffer, MessageFixture.OFFSET, limit - MessageFixture.OFFSET));
    }

    @Test
    void rejectsUnknownTemplate()
    {
        final int limit = encodeCommit();
        fixture.headerEncoder.wrap(fixture.buffer, MessageFixture.OFFSET).templateId(999);

        assertEquals(MessageGuard.UNKNOWN_TEMPLATE, MessageGuard.check(
            fixture.headerDecoder, fixture.buffer, MessageFixture.OFFSET, limit - MessageFixture.OFFSET));
    }

    @Test
    void describesEveryVerdict()
    {
        assertEquals("unknown template id", MessageGuard.describe(MessageGuard.UNKNOWN_TEMPLATE));
        assertEquals("message shorter than its header or block", MessageGuard.describe(MessageGuard.TOO_SHORT));
        assertEquals("schema id is not ferry's (7421)", MessageGuard.describe(MessageGuard.WRONG_SCHEMA));
        assertEquals("unsupported schema version", MessageGuard.describe(MessageGuard.WRONG_VERSION));
        assertEquals("template 20", MessageGuard.describe(DataFrameDecoder.TEMPLATE_ID));
    }

    private int encodeCommit()
    {
        return new CommitEncoder()
            .wrapAndApplyHeader(fixture.buffer, MessageFixture.OFFSET, fixture.headerEncoder)
            .transferId(1L)
            .limit();
    }

    /**
     * Encode a Hello as a later schema version would: a larger block with a field this build does not know.
     */
    private int encodeNewerHello(final String hubId)
    {
        final int bodyLength = HelloEncoder.BLOCK_LENGTH + EXTENSION_LENGTH;
        fixture.headerEncoder.wrap(fixture.buffer, MessageFixture.OFFSET)
            .blockLength(bodyLength)
            .templateId(HelloEncoder.TEMPLATE_ID)
            .schemaId(HelloEncoder.SCHEMA_ID)
            .version(HelloEncoder.SCHEMA_VERSION + 1);
        final HelloEncoder encoder = new HelloEncoder()
            .wrap(fixture.buffer, MessageFixture.BODY_OFFSET)
            .protocolVersion(7)
            .capabilities(0xF0F0L)
            .nonce(-99L)
            .dataSessionId(1234);
        fillExtension(MessageFixture.BODY_OFFSET + HelloEncoder.BLOCK_LENGTH);
        encoder.limit(MessageFixture.BODY_OFFSET + bodyLength);
        encoder.hubId(hubId);

        return encoder.limit();
    }

    private void fillExtension(final int offset)
    {
        fixture.buffer.setMemory(offset, EXTENSION_LENGTH, (byte)0x5A);
    }
}
