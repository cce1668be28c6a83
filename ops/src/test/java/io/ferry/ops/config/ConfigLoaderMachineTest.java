package io.ferry.ops.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static io.ferry.ops.config.ConfigTexts.LOOPBACK;
import static io.ferry.ops.config.ConfigTexts.freeTcpPort;
import static io.ferry.ops.config.ConfigTexts.freeUdpPort;
import static io.ferry.ops.config.ConfigTexts.identityKey;
import static io.ferry.ops.config.ConfigTexts.machineConfig;
import static io.ferry.ops.config.ConfigTexts.replaced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderMachineTest
{
    @TempDir
    Path dir;

    private Path configFile;
    private Path tokenFile;

    @BeforeEach
    void before()
    {
        configFile = dir.resolve("ferry.toml");
        tokenFile = dir.resolve("api.token");
    }

    @Test
    void shouldLoadValidConfigAndCreateDirectories() throws Exception
    {
        final int udpPort = freeUdpPort();
        final int tcpPort = freeTcpPort();
        Files.writeString(configFile, machineConfig(dir, udpPort, tcpPort));

        final FerryConfig config = ConfigLoader.load(configFile);

        assertEquals(udpPort, config.transport().listenPort());
        assertEquals(tcpPort, config.api().listenPort());
        assertEquals(tokenFile, config.api().tokenFile());
        assertTrue(Files.isDirectory(dir.resolve("data")));
        assertTrue(Files.isDirectory(dir.resolve("datasets/imagenet")));
    }

    @Test
    void shouldRejectMissingConfigFile()
    {
        assertLoadError(configFile + ": does not exist (pass the configuration file with --config FILE)");
    }

    @Test
    void shouldRejectTokenFileReadableByOthers() throws Exception
    {
        writeConfig(machineConfig(dir, freeUdpPort(), freeTcpPort()));
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertLoadError(configFile + ": [api] token_file: " + tokenFile + " has mode 0644, but it holds a secret " +
            "and must have mode 0600 (chmod 600 " + tokenFile + ")");
    }

    @Test
    void shouldRejectMissingTokenFile() throws Exception
    {
        writeConfig(machineConfig(dir, freeUdpPort(), freeTcpPort()));
        Files.delete(tokenFile);

        assertLoadError(configFile + ": [api] token_file: " + tokenFile + " does not exist (write a random token " +
            "into it: openssl rand -hex 32 > " + tokenFile + " && chmod 600 " + tokenFile + ")");
    }

    @Test
    void shouldRejectEmptyTokenFile() throws Exception
    {
        writeConfig(machineConfig(dir, freeUdpPort(), freeTcpPort()));
        Files.writeString(tokenFile, " \n");

        assertLoadError(configFile + ": [api] token_file: " + tokenFile + " is empty (write a random token " +
            "into it: openssl rand -hex 32 > " + tokenFile + " && chmod 600 " + tokenFile + ")");
    }

    @Test
    void shouldRejectIdentityKeyReadableByGroup() throws Exception
    {
        final Path key = dir.resolve("east.key");
        Files.writeString(key, "key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        final String text = machineConfig(dir, freeUdpPort(), freeTcpPort());
        writeConfig(replaced(text, "identity_key = \"" + identityKey(dir) + "\"", "identity_key = \"east.key\""));

        assertLoadError(configFile + ": [hub] identity_key: " + key + " has mode 0640, but it holds a secret " +
            "and must have mode 0600 (chmod 600 " + key + ")");
    }

    @Test
    void shouldRejectMissingIdentityKey() throws Exception
    {
        final Path key = dir.resolve("east.key");
        final String text = machineConfig(dir, freeUdpPort(), freeTcpPort());
        writeConfig(replaced(text, "identity_key = \"" + identityKey(dir) + "\"", "identity_key = \"" + key + "\""));

        assertLoadError(configFile + ": [hub] identity_key: " + key + " does not exist (create it with: " +
            "ferry keygen --out " + key + ")");
    }

    @Test
    void shouldRequireIdentityKey() throws Exception
    {
        final String text = machineConfig(dir, freeUdpPort(), freeTcpPort());
        writeConfig(replaced(text, "identity_key = \"" + identityKey(dir) + "\"\n", ""));

        assertLoadError(configFile + ": [hub] identity_key: missing (required: every link is authenticated; create " +
            "a key with: ferry keygen --out /etc/ferry/east.key, then set identity_key to that path)");
    }

    @Test
    void shouldRejectIdentityKeyThatIsNotAnEd25519Key() throws Exception
    {
        final String text = machineConfig(dir, freeUdpPort(), freeTcpPort());
        Files.writeString(identityKey(dir), "not a key\n");
        writeConfig(text);

        assertTrue(loadError().startsWith(configFile + ": [hub] identity_key: " + identityKey(dir) +
            " is not a PEM private key"), loadError());
    }

    @Test
    void shouldRequirePeerPublicKey() throws Exception
    {
        final String text = machineConfig(dir, freeUdpPort(), freeTcpPort()) +
            "\n[[peer]]\nid = \"west\"\nendpoint = \"198.51.100.7:40100\"\n";
        writeConfig(text);

        assertLoadError(configFile + ": [[peer]] west: public_key: missing (required: ferryd accepts a peer only if " +
            "it knows its key; copy the public key ferry keygen printed on west)");
    }

    @Test
    void shouldRequirePeerPublicKeyAlsoWithoutEncryption() throws Exception
    {
        final String text = replaced(machineConfig(dir, freeUdpPort(), freeTcpPort()), "[transport]\n",
            "[transport]\nencryption = \"none\"\n") +
            "\n[[peer]]\nid = \"west\"\nendpoint = \"198.51.100.7:40100\"\n";
        writeConfig(text);

        assertTrue(loadError().contains("[[peer]] west: public_key: missing"), loadError());
    }

    @Test
    void shouldRejectUdpPortInUse() throws Exception
    {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0)))
        {
            final int port = taken.getLocalPort();
            writeConfig(machineConfig(dir, port, freeTcpPort()));

            final String message = loadError();

            final String expected = configFile + ": [transport] listen: UDP port " + port + " on 127.0.0.1 is " +
                "already in use (";
            assertTrue(message.startsWith(expected), message);
            assertTrue(message.endsWith("); stop the program that holds it (ss -lunp shows it) or choose another port"),
                message);
        }
    }

    @Test
    void shouldRejectTcpPortInUse() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK)))
        {
            final int port = taken.getLocalPort();
            writeConfig(machineConfig(dir, freeUdpPort(), port));

            final String message = loadError();

            final String expected = configFile + ": [api] listen: TCP port " + port + " on 127.0.0.1 is " +
                "already in use (";
            assertTrue(message.startsWith(expected), message);
            assertTrue(message.endsWith("); stop the program that holds it (ss -ltnp shows it) or choose another port"),
                message);
        }
    }

    @Test
    void shouldRejectDataDirThatCannotBeCreated() throws Exception
    {
        // A regular file as parent stops mkdir even for root, where permission bits would not.
        final Path blocker = Files.writeString(dir.resolve("afile"), "");
        final Path dataDir = blocker.resolve("sub");
        final String text = machineConfig(dir, freeUdpPort(), freeTcpPort());
        writeConfig(replaced(text, "\"" + dir.resolve("data") + "\"", "\"" + dataDir + "\""));

        assertLoadError(configFile + ": [hub] data_dir: cannot create directory " + dataDir + " (Not a directory); " +
            "create it by hand or choose another path");
    }

    @Test
    void shouldRejectDataDirThatIsAFile() throws Exception
    {
        final Path dataDir = Files.writeString(dir.resolve("afile"), "");
        final String text = machineConfig(dir, freeUdpPort(), freeTcpPort());
        writeConfig(replaced(text, "\"" + dir.resolve("data") + "\"", "\"" + dataDir + "\""));

        assertLoadError(configFile + ": [hub] data_dir: " + dataDir + " is not a directory " +
            "(remove it or choose another path)");
    }

    @Test
    void shouldRejectDatasetRootThatCannotBeCreated() throws Exception
    {
        final Path blocker = Files.writeString(dir.resolve("afile"), "");
        final Path root = blocker.resolve("imagenet");
        final String text = machineConfig(dir, freeUdpPort(), freeTcpPort());
        writeConfig(replaced(text, "\"" + dir.resolve("datasets/imagenet") + "\"", "\"" + root + "\""));

        assertLoadError(configFile + ": [[dataset]] imagenet: root: cannot create directory " + root +
            " (Not a directory); create it by hand or choose another path");
    }

    @Test
    void shouldNotTouchMachineWhenOnlyParsing() throws Exception
    {
        final String text = machineConfig(dir, 1, 2);
        Files.delete(tokenFile);

        ConfigLoader.parse(configFile, text);

        assertTrue(Files.notExists(dir.resolve("data")));
    }

    private void writeConfig(final String text) throws IOException
    {
        Files.writeString(configFile, text);
    }

    private String loadError()
    {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(configFile)).getMessage();
    }

    private void assertLoadError(final String expectedMessage)
    {
        assertEquals(expectedMessage, loadError());
    }
}
