package io.ferry.transport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), for deriving session keys once per handshake.
 */
final class Hkdf
{
    /** Bytes of an HMAC-SHA256 output. */
    static final int HASH_LENGTH = 32;

    private static final String HMAC = "HmacSHA256";

    private Hkdf()
    {
    }

    /**
     * HKDF-Extract: a pseudorandom key from input keying material.
     *
     * @param salt non-secret salt, may be empty.
     * @param ikm  input keying material.
     * @return 32-byte pseudorandom key.
     */
    static byte[] extract(final byte[] salt, final byte[] ikm)
    {
        final byte[] key = salt.length == 0 ? new byte[HASH_LENGTH] : salt;
        return mac(key).doFinal(ikm);
    }

    /**
     * HKDF-Expand: output keying material bound to a context string.
     *
     * @param prk    pseudorandom key from {@link #extract}.
     * @param info   context, e.g. which direction and stream the key protects.
     * @param length bytes wanted, at most 255 × 32.
     * @return output keying material.
     */
    static byte[] expand(final byte[] prk, final byte[] info, final int length)
    {
        if (length < 0 || length > 255 * HASH_LENGTH)
        {
            throw new IllegalArgumentException("HKDF output length out of range: " + length);
        }
        final Mac mac = mac(prk);
        final byte[] okm = new byte[length];
        byte[] previous = new byte[0];
        int written = 0;
        for (int block = 1; written < length; block++)
        {
            mac.update(previous);
            mac.update(info);
            mac.update((byte)block);
            previous = mac.doFinal();
            final int n = Math.min(HASH_LENGTH, length - written);
            System.arraycopy(previous, 0, okm, written, n);
            written += n;
        }
        return okm;
    }

    private static Mac mac(final byte[] key)
    {
        try
        {
            final Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }
}
