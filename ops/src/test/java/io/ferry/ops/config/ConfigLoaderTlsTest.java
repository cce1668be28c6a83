package io.ferry.ops.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static io.ferry.ops.config.ConfigTexts.freeTcpPort;
import static io.ferry.ops.config.ConfigTexts.freeUdpPort;
import static io.ferry.ops.config.ConfigTexts.machineConfig;
import static io.ferry.ops.config.ConfigTexts.replaced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTlsTest
{
    @TempDir
    Path dir;

    private Path configFile;

    @BeforeEach
    void before()
    {
        configFile = dir.resolve("ferry.toml");
    }

    @Test
    void shouldLoadTlsCertificateAndKey() throws Exception
    {
        writeConfig(withTls(machineConfig(dir, freeUdpPort(), freeTcpPort())));

        final ApiConfig api = ConfigLoader.load(configFile).api();

        assertTrue(api.tls());
        assertEquals(dir.resolve("api.crt"), api.tlsCertFile());
        assertEquals(dir.resolve("api.key"), api.tlsKeyFile());
    }

    @Test
    void shouldRejectTlsKeyReadableByOthers() throws Exception
    {
        writeConfig(withTls(machineConfig(dir, freeUdpPort(), freeTcpPort())));
        final Path key = dir.resolve("api.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertLoadError(configFile + ": [api] tls_key: " + key + " has mode 0644, but it holds a secret " +
            "and must have mode 0600 (chmod 600 " + key + ")");
    }

    @Test
    void shouldRejectMissingTlsFiles() throws Exception
    {
        writeConfig(withTls(machineConfig(dir, freeUdpPort(), freeTcpPort())));
        final Path cert = dir.resolve("api.crt");
        final Path key = dir.resolve("api.key");
        final String howTo = "docs/operations.md shows how to make a certificate and key with openssl";
        Files.delete(key);

        assertLoadError(configFile + ": [api] tls_key: " + key + " does not exist (" + howTo + ")");

        Files.delete(cert);

        assertLoadError(configFile + ": [api] tls_cert: " + cert + " does not exist (" + howTo + ")");
    }

    @Test
    void shouldRejectTlsKeyThatIsNotPkcs8() throws Exception
    {
        writeConfig(withTls(machineConfig(dir, freeUdpPort(), freeTcpPort())));
        final Path key = dir.resolve("api.key");
        Files.writeString(key, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");

        assertLoadError(configFile + ": [api] tls_key: " + key + " is not a PEM PKCS#8 private key (convert it " +
            "with: openssl pkcs8 -topk8 -nocrypt -in " + key + " -out " + key + ".pk8, then point tls_key at the " +
            "new file and chmod 600 it)");
    }

    /**
     * The configuration with relative {@code tls_cert} and {@code tls_key} and files that pass the checks: the
     * checks read only the PEM headers, the API server parses the files.
     */
    private String withTls(final String text) throws IOException
    {
        Files.writeString(dir.resolve("api.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        final Path key = Files.writeString(dir.resolve("api.key"),
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

        return replaced(text, "[api]\n", "[api]\ntls_cert = \"api.crt\"\ntls_key = \"api.key\"\n");
    }

    private void writeConfig(final String text) throws IOException
    {
        Files.writeString(configFile, text);
    }

    private void assertLoadError(final String expectedMessage)
    {
        assertEquals(expectedMessage, assertThrows(ConfigException.class, () -> ConfigLoader.load(configFile))
            .getMessage());
    }
}
