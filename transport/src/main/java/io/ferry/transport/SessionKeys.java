package io.ferry.transport;

import javax.crypto.KeyAgreement;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * The four keys of one link session, one per direction and stream, derived from an X25519 shared secret of two
 * ephemeral keys with HKDF-SHA256.
 *
 * @param sendControl    key of control messages this hub sends.
 * @param sendData       key of data frames this hub sends.
 * @param receiveControl key of control messages the peer sends.
 * @param receiveData    key of data frames the peer sends.
 */
record SessionKeys(byte[] sendControl, byte[] sendData, byte[] receiveControl, byte[] receiveData)
{
    /** Bytes of a raw X25519 public key. */
    static final int EPHEMERAL_KEY_LENGTH = 32;
    /** Bytes of each derived key (AES-256 or HMAC-SHA256). */
    static final int KEY_LENGTH = 32;

    private static final String AGREEMENT = "X25519";
    /** DER prefix of an X25519 SubjectPublicKeyInfo (RFC 8410): the raw key is the last 32 bytes. */
    private static final byte[] X509_PREFIX =
        { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00 };

    /**
     * A new ephemeral X25519 key pair.
     *
     * @return the pair.
     */
    static KeyPair newEphemeral()
    {
        try
        {
            return KeyPairGenerator.getInstance(AGREEMENT).generateKeyPair();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("this JDK cannot generate X25519 keys", ex);
        }
    }

    /**
     * The raw 32 bytes of an X25519 public key.
     *
     * @param key the key.
     * @return last 32 bytes of its X.509 encoding.
     */
    static byte[] raw(final PublicKey key)
    {
        final byte[] x509 = key.getEncoded();
        return Arrays.copyOfRange(x509, x509.length - EPHEMERAL_KEY_LENGTH, x509.length);
    }

    /**
     * Derive the keys of a session as one side of it sees them; the other side derives the same keys swapped.
     *
     * @param ownId         this hub's id.
     * @param peerId        the peer's hub id.
     * @param ownNonce      this hub's handshake nonce towards the peer.
     * @param peerNonce     the peer's handshake nonce.
     * @param ownEphemeral  this hub's ephemeral private key.
     * @param peerEphemeral the peer's raw ephemeral public key.
     * @return the keys.
     * @throws GeneralSecurityException if the peer's key is not a usable X25519 key.
     */
    static SessionKeys derive(
        final String ownId,
        final String peerId,
        final long ownNonce,
        final long peerNonce,
        final PrivateKey ownEphemeral,
        final byte[] peerEphemeral) throws GeneralSecurityException
    {
        final byte[] x509 = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + EPHEMERAL_KEY_LENGTH);
        System.arraycopy(peerEphemeral, 0, x509, X509_PREFIX.length, EPHEMERAL_KEY_LENGTH);
        final PublicKey peerKey = KeyFactory.getInstance(AGREEMENT).generatePublic(new X509EncodedKeySpec(x509));
        final KeyAgreement agreement = KeyAgreement.getInstance(AGREEMENT);
        agreement.init(ownEphemeral);
        agreement.doPhase(peerKey, true);
        final byte[] shared = agreement.generateSecret();
        int bits = 0;
        for (final byte b : shared)
        {
            bits |= b;
        }
        if (0 == bits)
        {
            throw new GeneralSecurityException(
                "X25519 shared secret is zero: the peer's ephemeral key has small order");
        }

        // Both sides must build the same salt, so the nonce of the hub whose id sorts first goes first.
        final boolean ownFirst = ownId.compareTo(peerId) < 0;
        final byte[] salt = ByteBuffer.allocate(2 * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN)
            .putLong(ownFirst ? ownNonce : peerNonce)
            .putLong(ownFirst ? peerNonce : ownNonce)
            .array();
        final byte[] prk = Hkdf.extract(salt, shared);
        Arrays.fill(shared, (byte)0);
        return new SessionKeys(
            Hkdf.expand(prk, info(ownId, peerId, "control"), KEY_LENGTH),
            Hkdf.expand(prk, info(ownId, peerId, "data"), KEY_LENGTH),
            Hkdf.expand(prk, info(peerId, ownId, "control"), KEY_LENGTH),
            Hkdf.expand(prk, info(peerId, ownId, "data"), KEY_LENGTH));
    }

    /**
     * HKDF info naming the direction and stream a key protects, e.g. {@code ferry east->west data}.
     *
     * @param from   sending hub.
     * @param to     receiving hub.
     * @param stream {@code control} or {@code data}.
     * @return UTF-8 bytes.
     */
    static byte[] info(final String from, final String to, final String stream)
    {
        return ("ferry " + from + "->" + to + " " + stream).getBytes(StandardCharsets.UTF_8);
    }
}
