package io.ferry.transport;

import io.ferry.codec.MessageHeaderEncoder;
import io.ferry.codec.SealedFrameEncoder;

import org.agrona.concurrent.UnsafeBuffer;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;

/**
 * Seals or opens the frames of one direction of one stream under one session key. A sealed frame is
 * {@code [SBE header of SealedFrame (8)][counter (8)][body][tag (16)]}: with AES-256-GCM the body is the encrypted
 * inner message and the 96-bit nonce is the stream salt followed by the counter; with {@link Encryption#NONE} the
 * body is the inner message in the clear and the tag is HMAC-SHA256 over everything before it, cut to 128 bits.
 * A sender uses each counter once and stops after {@link #MAX_FRAMES}; a receiver accepts each counter once.
 */
final class FrameProtector
{
    /** Bytes before the body: the SealedFrame header and the counter. */
    static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + SealedFrameEncoder.BLOCK_LENGTH;
    /** Bytes of the tag after the body. */
    static final int TAG_LENGTH = 16;
    /** Bytes sealing adds to a message. */
    static final int OVERHEAD = HEADER_LENGTH + TAG_LENGTH;
    /** Frames one key may seal: 2^32, far below GCM's 2^64 nonce space and within its confidentiality margin. */
    static final long MAX_FRAMES = 1L << 32;

    /** {@link #seal} result: the key has sealed {@link #MAX_FRAMES} frames and the link must rekey. */
    static final int EXHAUSTED = -1;
    /** {@link #open} result: too short, or not a SealedFrame header this build writes. */
    static final int MALFORMED = -2;
    /** {@link #open} result: the tag does not verify. */
    static final int BAD_TAG = -3;
    /** {@link #open} result: the counter was accepted before or is older than the replay window. */
    static final int REPLAYED = -4;

    private static final int GCM_TAG_BITS = 128;
    private static final int NONCE_LENGTH = 12;

    private final int salt;
    private final long maxFrames;
    private final UnsafeBuffer frameBuffer = new UnsafeBuffer(new byte[0]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final SealedFrameEncoder sealedEncoder = new SealedFrameEncoder();
    private final long expectedHeader;
    private final byte[] nonce = new byte[NONCE_LENGTH];
    private final UnsafeBuffer nonceBuffer = new UnsafeBuffer(nonce);
    private final byte[] mac = new byte[HmacSha256.LENGTH];
    private final ReplayWindow window = new ReplayWindow();
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final HmacSha256 hmac;
    private long lastCounter;

    /**
     * A protector for one key.
     *
     * @param encryption mode.
     * @param key        32-byte session key of this direction and stream.
     * @param salt       first 32 bits of every GCM nonce: the stream id.
     */
    FrameProtector(final Encryption encryption, final byte[] key, final int salt)
    {
        this(encryption, key, salt, MAX_FRAMES);
    }

    FrameProtector(final Encryption encryption, final byte[] key, final int salt, final long maxFrames)
    {
        this.salt = salt;
        this.maxFrames = maxFrames;
        final UnsafeBuffer header = new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH]);
        headerEncoder.wrap(header, 0)
            .blockLength(SealedFrameEncoder.BLOCK_LENGTH)
            .templateId(SealedFrameEncoder.TEMPLATE_ID)
            .schemaId(SealedFrameEncoder.SCHEMA_ID)
            .version(SealedFrameEncoder.SCHEMA_VERSION);
        expectedHeader = header.getLong(0, ByteOrder.LITTLE_ENDIAN);
        if (encryption == Encryption.AES_256_GCM)
        {
            try
            {
                cipher = Cipher.getInstance("AES/GCM/NoPadding");
            }
            catch (final GeneralSecurityException ex)
            {
                throw new IllegalStateException("AES/GCM/NoPadding is not available", ex);
            }
            this.key = new SecretKeySpec(key, "AES");
            hmac = null;
        }
        else
        {
            cipher = null;
            this.key = null;
            hmac = new HmacSha256(key);
        }
    }

    /**
     * Seal a message into a frame with the next counter.
     *
     * @param message       the inner SBE message.
     * @param messageLength its length.
     * @param frame         where the frame goes; at least {@code messageLength + OVERHEAD} bytes, not {@code message}.
     * @return frame length, or {@link #EXHAUSTED}.
     */
    int seal(final byte[] message, final int messageLength, final byte[] frame)
    {
        if (lastCounter >= maxFrames)
        {
            return EXHAUSTED;
        }
        final long counter = ++lastCounter;
        frameBuffer.wrap(frame);
        sealedEncoder.wrapAndApplyHeader(frameBuffer, 0, headerEncoder).counter(counter);
        if (null != cipher)
        {
            try
            {
                cipher.init(Cipher.ENCRYPT_MODE, key, gcmParameters(counter));
                return HEADER_LENGTH + cipher.doFinal(message, 0, messageLength, frame, HEADER_LENGTH);
            }
            catch (final GeneralSecurityException ex)
            {
                throw new IllegalStateException("AES-GCM refused to seal a frame", ex);
            }
        }
        System.arraycopy(message, 0, frame, HEADER_LENGTH, messageLength);
        final int tagOffset = HEADER_LENGTH + messageLength;
        hmac.mac(frame, 0, tagOffset, mac, 0);
        System.arraycopy(mac, 0, frame, tagOffset, TAG_LENGTH);
        return tagOffset + TAG_LENGTH;
    }

    /**
     * Check a frame's header, counter and tag, and recover its inner message.
     *
     * @param frame       the frame.
     * @param frameLength its length.
     * @param message     where the inner message goes; at least {@code frameLength - OVERHEAD} bytes, not
     *                    {@code frame}.
     * @return inner message length, or {@link #MALFORMED}, {@link #BAD_TAG} or {@link #REPLAYED}.
     */
    int open(final byte[] frame, final int frameLength, final byte[] message)
    {
        if (frameLength < OVERHEAD)
        {
            return MALFORMED;
        }
        frameBuffer.wrap(frame);
        if (frameBuffer.getLong(0, ByteOrder.LITTLE_ENDIAN) != expectedHeader)
        {
            return MALFORMED;
        }
        final long counter = frameBuffer.getLong(MessageHeaderEncoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN);
        if (!window.isFresh(counter))
        {
            return REPLAYED;
        }

        final int messageLength = frameLength - OVERHEAD;
        if (null != cipher)
        {
            try
            {
                cipher.init(Cipher.DECRYPT_MODE, key, gcmParameters(counter));
                cipher.doFinal(frame, HEADER_LENGTH, frameLength - HEADER_LENGTH, message, 0);
            }
            catch (final AEADBadTagException ex)
            {
                return BAD_TAG;
            }
            catch (final GeneralSecurityException ex)
            {
                throw new IllegalStateException("AES-GCM refused to open a frame", ex);
            }
        }
        else
        {
            final int tagOffset = HEADER_LENGTH + messageLength;
            hmac.mac(frame, 0, tagOffset, mac, 0);
            int difference = 0;
            for (int i = 0; i < TAG_LENGTH; i++)
            {
                difference |= mac[i] ^ frame[tagOffset + i];
            }
            if (0 != difference)
            {
                return BAD_TAG;
            }
            System.arraycopy(frame, HEADER_LENGTH, message, 0, messageLength);
        }
        window.accept(counter);
        return messageLength;
    }

    /**
     * The JDK has no way to change the nonce of an initialised GCM cipher, so every frame needs a new
     * {@link GCMParameterSpec}; this and the cipher's re-initialisation are the allocation documented in
     * docs/security.md.
     */
    private GCMParameterSpec gcmParameters(final long counter)
    {
        nonceBuffer.putInt(0, salt, ByteOrder.LITTLE_ENDIAN);
        nonceBuffer.putLong(Integer.BYTES, counter, ByteOrder.LITTLE_ENDIAN);
        return new GCMParameterSpec(GCM_TAG_BITS, nonce);
    }
}
