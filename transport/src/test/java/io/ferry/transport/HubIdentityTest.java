package io.ferry.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HubIdentityTest
{
    @TempDir
    Path dir;

    @Test
    void writtenKeyLoadsWithTheSamePublicKeyAndMode0600() throws IOException
    {
        final HubIdentity identity = HubIdentity.generate();
        final Path file = dir.resolve("east.key");
        identity.write(file, false);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        final String pem = Files.readString(file, StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
        final HubIdentity loaded = HubIdentity.load(file);
        assertArrayEquals(identity.publicKey(), loaded.publicKey());
        assertEquals(32, Base64.getDecoder().decode(loaded.publicKeyBase64()).length);
    }

    @Test
    void rawPublicKeyIsTheTailOfTheX509Encoding() throws Exception
    {
        final java.security.KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final byte[] x509 = pair.getPublic().getEncoded();
        final byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);

        assertEquals(pair.getPublic(), HubIdentity.publicKey(raw));
    }

    @Test
    void signatureVerifiesOnlyWithTheSignersKeyAndUnchangedData()
    {
        final HubIdentity east = HubIdentity.generate();
        final HubIdentity west = HubIdentity.generate();
        final byte[] data = "ferry handshake".getBytes(StandardCharsets.US_ASCII);
        final byte[] signature = east.sign(data, 0, data.length);
        final PublicKey eastKey = HubIdentity.publicKey(east.publicKey());

        assertTrue(HubIdentity.verify(eastKey, data, 0, data.length, signature, 0));
        assertFalse(HubIdentity.verify(HubIdentity.publicKey(west.publicKey()), data, 0, data.length, signature, 0));
        data[3] ^= 1;
        assertFalse(HubIdentity.verify(eastKey, data, 0, data.length, signature, 0));
    }

    @Test
    void refusesToOverwriteUnlessAsked() throws IOException
    {
        final Path file = dir.resolve("east.key");
        final HubIdentity first = HubIdentity.generate();
        first.write(file, false);
        final HubIdentity second = HubIdentity.generate();

        assertThrows(FileAlreadyExistsException.class, () -> second.write(file, false));
        assertArrayEquals(first.publicKey(), HubIdentity.load(file).publicKey());
        second.write(file, true);
        assertArrayEquals(second.publicKey(), HubIdentity.load(file).publicKey());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void loadRejectsFilesThatAreNotEd25519Keys() throws IOException
    {
        final Path text = Files.writeString(dir.resolve("text.key"), "not a key");
        final Path garbage = Files.writeString(dir.resolve("garbage.key"),
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertTrue(assertThrows(IOException.class, () -> HubIdentity.load(text)).getMessage().contains("not a PEM"));
        assertTrue(assertThrows(IOException.class, () -> HubIdentity.load(garbage)).getMessage()
            .contains("does not hold an Ed25519 private key"));
    }
}
