package io.ferry.transport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a Hello or Welcome signature covers: a protocol label, both hub ids, the nonces, the sender's data
 * session, capabilities and ephemeral key. Naming the receiver stops a signed message for one hub being replayed
 * to another.
 */
final class HandshakeTranscript
{
    /** Label of a Hello signature. */
    static final String HELLO = "ferry hello v1";
    /** Label of a Welcome signature. */
    static final String WELCOME = "ferry welcome v1";

    private HandshakeTranscript()
    {
    }

    /**
     * Build the signed bytes.
     *
     * @param label         {@link #HELLO} or {@link #WELCOME}.
     * @param senderId      hub id of the signer.
     * @param receiverId    hub id the message is for.
     * @param nonce         signer's nonce.
     * @param helloNonce    nonce of the Hello a Welcome answers; 0 in a Hello.
     * @param dataSessionId Aeron session id of the signer's data publication to the receiver.
     * @param capabilities  signer's capability bits.
     * @param ephemeralKey  signer's raw X25519 public key.
     * @return the transcript.
     */
    static byte[] build(
        final String label,
        final String senderId,
        final String receiverId,
        final long nonce,
        final long helloNonce,
        final int dataSessionId,
        final long capabilities,
        final byte[] ephemeralKey)
    {
        final byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        final byte[] sender = senderId.getBytes(StandardCharsets.UTF_8);
        final byte[] receiver = receiverId.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer buffer = ByteBuffer.allocate(
            3 * Integer.BYTES + labelBytes.length + sender.length + receiver.length +
            3 * Long.BYTES + Integer.BYTES + ephemeralKey.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(labelBytes.length).put(labelBytes)
            .putInt(sender.length).put(sender)
            .putInt(receiver.length).put(receiver)
            .putLong(nonce)
            .putLong(helloNonce)
            .putInt(dataSessionId)
            .putLong(capabilities)
            .put(ephemeralKey);
        return buffer.array();
    }
}
