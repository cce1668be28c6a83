package io.ferry.ops.config;

import io.ferry.transport.HubIdentity;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Configuration texts and files for the tests: a minimal valid configuration and ways to bend it.
 */
final class ConfigTexts
{
    static final Path FILE = Path.of("/etc/ferry/ferry.toml");
    static final String LOOPBACK = "127.0.0.1";

    static final String MINIMAL = """
        [hub]
        id = "east"
        data_dir = "/var/lib/ferry"

        [transport]
        listen = "0.0.0.0:40100"

        [api]
        token_file = "/etc/ferry/api.token"

        [[dataset]]
        name = "imagenet"
        root = "/srv/imagenet"

        [[peer]]
        id = "west"
        endpoint = "198.51.100.7:40100"
        """;

    private ConfigTexts()
    {
    }

    /**
     * The minimal configuration with one more line right under a table header such as {@code [transport]}.
     */
    static String minimalWith(final String header, final String line)
    {
        return replaced(MINIMAL, header + "\n", header + "\n" + line + "\n");
    }

    /**
     * The minimal configuration with one piece of text replaced, failing the test if the text is not there.
     */
    static String minimalReplacing(final String old, final String replacement)
    {
        return replaced(MINIMAL, old, replacement);
    }

    static String replaced(final String text, final String old, final String replacement)
    {
        assertTrue(text.contains(old), () -> "test setup: no " + old + " in " + text);
        return text.replace(old, replacement);
    }

    /**
     * A configuration whose paths all lie under {@code dir}, with a valid 0600 token file, for {@link ConfigLoader#load}.
     */
    static String machineConfig(final Path dir, final int udpPort, final int tcpPort) throws IOException
    {
        final Path tokenFile = dir.resolve("api.token");
        Files.writeString(tokenFile, "s3cret-token\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        HubIdentity.generate().write(identityKey(dir), true);

        return "[hub]\n" +
            "id = \"east\"\n" +
            "data_dir = \"" + dir.resolve("data") + "\"\n" +
            "identity_key = \"" + identityKey(dir) + "\"\n" +
            "\n" +
            "[transport]\n" +
            "listen = \"" + LOOPBACK + ":" + udpPort + "\"\n" +
            "\n" +
            "[api]\n" +
            "listen = \"" + LOOPBACK + ":" + tcpPort + "\"\n" +
            "token_file = \"" + tokenFile + "\"\n" +
            "\n" +
            "[[dataset]]\n" +
            "name = \"imagenet\"\n" +
            "root = \"" + dir.resolve("datasets/imagenet") + "\"\n";
    }

    /**
     * The identity key file {@link #machineConfig} writes (mode 0600) and names.
     */
    static Path identityKey(final Path dir)
    {
        return dir.resolve("hub.key");
    }

    static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0)))
        {
            return socket.getLocalPort();
        }
    }

    static int freeTcpPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK)))
        {
            return socket.getLocalPort();
        }
    }
}
