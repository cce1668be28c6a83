package io.ferry.transport;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The security state of one peer link: this hub's handshake nonce and ephemeral X25519 key, the peer's trusted
 * identity key, the signed Hello and Welcome, and the four frame protectors derived from the session keys.
 * Owned by the transport's agent thread.
 */
final class LinkSession
{
    private final String hubId;
    private final String peerId;
    private final HubIdentity identity;
    private final Encryption encryption;
    private final long capabilities;
    private final PublicKey trustedKey;
    private final SecureRandom random;
    private long nonce;
    private KeyPair ephemeral;
    private byte[] ephemeralKey;
    private byte[] remoteEphemeralKey;
    private long remoteNonce;
    private SessionKeys sessionKeys;
    private FrameProtector controlSealer;
    private FrameProtector dataSealer;
    private FrameProtector controlOpener;
    private FrameProtector dataOpener;

    LinkSession(final TransportContext ctx, final String peerId, final SecureRandom random)
    {
        this.hubId = ctx.hubId();
        this.peerId = peerId;
        this.identity = ctx.identity();
        this.encryption = ctx.encryption();
        this.capabilities = encryption.capability();
        final byte[] configuredKey = ctx.peerPublicKey(peerId);
        this.trustedKey = null == configuredKey ? null : HubIdentity.publicKey(configuredKey);
        this.random = random;
        newHandshakeKeys();
    }

    PublicKey trustedKey()
    {
        return trustedKey;
    }

    long nonce()
    {
        return nonce;
    }

    byte[] ephemeralKey()
    {
        return ephemeralKey.clone();
    }

    FrameProtector controlSealer()
    {
        return controlSealer;
    }

    FrameProtector dataSealer()
    {
        return dataSealer;
    }

    FrameProtector controlOpener()
    {
        return controlOpener;
    }

    FrameProtector dataOpener()
    {
        return dataOpener;
    }

    /**
     * Derive new session keys and protectors when the peer's nonce or ephemeral key changed.
     *
     * @throws GeneralSecurityException if no session keys can be derived from the peer's ephemeral key.
     */
    void onRemoteKeys(final long remoteNonce, final byte[] remoteEphemeralKey) throws GeneralSecurityException
    {
        if (null != sessionKeys && remoteNonce == this.remoteNonce &&
            Arrays.equals(remoteEphemeralKey, this.remoteEphemeralKey))
        {
            return;
        }
        sessionKeys = SessionKeys.derive(hubId, peerId, nonce, remoteNonce, ephemeral.getPrivate(), remoteEphemeralKey);
        controlSealer = new FrameProtector(encryption, sessionKeys.sendControl(), TransportContext.CONTROL_STREAM_ID);
        dataSealer = new FrameProtector(encryption, sessionKeys.sendData(), TransportContext.DATA_STREAM_ID);
        controlOpener =
            new FrameProtector(encryption, sessionKeys.receiveControl(), TransportContext.CONTROL_STREAM_ID);
        dataOpener = new FrameProtector(encryption, sessionKeys.receiveData(), TransportContext.DATA_STREAM_ID);
        this.remoteNonce = remoteNonce;
        this.remoteEphemeralKey = remoteEphemeralKey.clone();
    }

    /**
     * Forget the session keys and draw a new nonce and ephemeral key, so the next handshake derives fresh keys.
     */
    void reset()
    {
        newHandshakeKeys();
        sessionKeys = null;
        controlSealer = null;
        dataSealer = null;
        controlOpener = null;
        dataOpener = null;
    }

    void sendHello(final ControlProxy control, final int dataSessionId)
    {
        final byte[] transcript = HandshakeTranscript.build(HandshakeTranscript.HELLO, hubId, peerId,
            nonce, 0, dataSessionId, capabilities, ephemeralKey);
        control.hello(nonce, dataSessionId, capabilities, ephemeralKey, identity.sign(transcript, 0, transcript.length),
            hubId);
    }

    void sendWelcome(final ControlProxy control, final int dataSessionId, final long helloNonce)
    {
        final byte[] transcript = HandshakeTranscript.build(HandshakeTranscript.WELCOME, hubId, peerId,
            nonce, helloNonce, dataSessionId, capabilities, ephemeralKey);
        control.welcome(nonce, dataSessionId, helloNonce, capabilities, ephemeralKey,
            identity.sign(transcript, 0, transcript.length), hubId);
    }

    private void newHandshakeKeys()
    {
        long n = 0;
        while (0 == n)
        {
            n = random.nextLong();
        }
        nonce = n;
        ephemeral = SessionKeys.newEphemeral();
        ephemeralKey = SessionKeys.raw(ephemeral.getPublic());
    }
}
