package io.ferry.transport;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) built on two reused {@link MessageDigest}s, because {@code javax.crypto.Mac#doFinal}
 * allocates its result on every call; this one computes a tag into a caller's array without allocating.
 */
final class HmacSha256
{
    /** Bytes of a full HMAC-SHA256 tag. */
    static final int LENGTH = 32;

    private static final int BLOCK_LENGTH = 64;

    private final MessageDigest inner;
    private final MessageDigest outer;
    private final byte[] innerPad = new byte[BLOCK_LENGTH];
    private final byte[] outerPad = new byte[BLOCK_LENGTH];
    private final byte[] innerHash = new byte[LENGTH];

    /**
     * A MAC with a fixed key.
     *
     * @param key key of at most 64 bytes.
     */
    HmacSha256(final byte[] key)
    {
        if (key.length > BLOCK_LENGTH)
        {
            throw new IllegalArgumentException("HMAC key longer than one block: " + key.length);
        }
        try
        {
            inner = MessageDigest.getInstance("SHA-256");
            outer = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
        for (int i = 0; i < BLOCK_LENGTH; i++)
        {
            final byte k = i < key.length ? key[i] : 0;
            innerPad[i] = (byte)(k ^ 0x36);
            outerPad[i] = (byte)(k ^ 0x5c);
        }
    }

    /**
     * Compute the tag of bytes into a buffer.
     *
     * @param data      buffer holding the bytes.
     * @param offset    first byte.
     * @param length    number of bytes.
     * @param tag       where the 32-byte tag goes.
     * @param tagOffset first byte of the tag.
     */
    void mac(final byte[] data, final int offset, final int length, final byte[] tag, final int tagOffset)
    {
        try
        {
            inner.update(innerPad);
            inner.update(data, offset, length);
            inner.digest(innerHash, 0, LENGTH);
            outer.update(outerPad);
            outer.update(innerHash);
            outer.digest(tag, tagOffset, LENGTH);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException("SHA-256 refused a 32-byte output buffer", ex);
        }
    }
}
