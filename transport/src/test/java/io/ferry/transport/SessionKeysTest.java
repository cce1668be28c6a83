package io.ferry.transport;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SessionKeysTest
{
    @Test
    void hkdfMatchesRfc5869TestCase1()
    {
        final HexFormat hex = HexFormat.of();
        final byte[] ikm = hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        final byte[] salt = hex.parseHex("000102030405060708090a0b0c");
        final byte[] info = hex.parseHex("f0f1f2f3f4f5f6f7f8f9");

        final byte[] prk = Hkdf.extract(salt, ikm);
        assertEquals("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", hex.formatHex(prk));
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
            hex.formatHex(Hkdf.expand(prk, info, 42)));
    }

    @Test
    void bothSidesDeriveMirroredKeysThatDifferPerDirectionAndStream() throws Exception
    {
        final KeyPair east = SessionKeys.newEphemeral();
        final KeyPair west = SessionKeys.newEphemeral();
        final SessionKeys eastKeys = SessionKeys.derive(
            "east", "west", 11, 22, east.getPrivate(), SessionKeys.raw(west.getPublic()));
        final SessionKeys westKeys = SessionKeys.derive(
            "west", "east", 22, 11, west.getPrivate(), SessionKeys.raw(east.getPublic()));

        assertArrayEquals(eastKeys.sendControl(), westKeys.receiveControl());
        assertArrayEquals(eastKeys.sendData(), westKeys.receiveData());
        assertArrayEquals(eastKeys.receiveControl(), westKeys.sendControl());
        assertArrayEquals(eastKeys.receiveData(), westKeys.sendData());
        assertFalse(java.util.Arrays.equals(eastKeys.sendControl(), eastKeys.sendData()));
        assertFalse(java.util.Arrays.equals(eastKeys.sendData(), eastKeys.receiveData()));
        assertEquals(32, eastKeys.sendData().length);
    }

    @Test
    void differentNoncesGiveDifferentKeys() throws Exception
    {
        final KeyPair east = SessionKeys.newEphemeral();
        final byte[] west = SessionKeys.raw(SessionKeys.newEphemeral().getPublic());

        assertFalse(java.util.Arrays.equals(
            SessionKeys.derive("east", "west", 1, 2, east.getPrivate(), west).sendData(),
            SessionKeys.derive("east", "west", 1, 3, east.getPrivate(), west).sendData()));
    }
}
