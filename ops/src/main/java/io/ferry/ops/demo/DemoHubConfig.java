package io.ferry.ops.demo;

import io.ferry.transport.HubIdentity;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the configuration, token and directories of one demo hub on loopback, with ports the kernel says are free.
 *
 * @param hubId     hub id.
 * @param home      directory holding everything of this hub.
 * @param udpPort   transport port.
 * @param apiPort   API port.
 * @param token     API bearer token.
 * @param aeronDir  Aeron directory.
 * @param publicKey base64 public key of the hub's identity key, which lies in {@link #identityKey()}.
 */
public record DemoHubConfig(
    String hubId, Path home, int udpPort, int apiPort, String token, Path aeronDir, String publicKey)
{
    /** Name of the dataset the demo replicates. */
    public static final String DATASET = "demo";

    private static final String IDENTITY_KEY_FILE = "hub.key";

    /**
     * Lay out a hub under {@code base/hubId} with fresh ports and token.
     *
     * @param base  demo directory.
     * @param hubId hub id.
     * @return the hub's settings.
     * @throws IOException if directories or ports cannot be had.
     */
    public static DemoHubConfig create(final Path base, final String hubId) throws IOException
    {
        final Path home = Files.createDirectories(base.resolve(hubId));
        final byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        final Path aeronDir = Path.of("/dev/shm").resolve("ferry-" + base.getFileName() + "-" + hubId);
        final HubIdentity identity = HubIdentity.generate();
        identity.write(home.resolve(IDENTITY_KEY_FILE), true);
        return new DemoHubConfig(hubId, home, freeUdpPort(), freeTcpPort(), HexFormat.of().formatHex(secret),
            Files.isDirectory(Path.of("/dev/shm")) ? aeronDir : home.resolve("aeron"), identity.publicKeyBase64());
    }

    /**
     * The hub's identity key file (mode 0600), written by {@link #create}.
     *
     * @return path.
     */
    public Path identityKey()
    {
        return home.resolve(IDENTITY_KEY_FILE);
    }

    /**
     * Root of the demo dataset on this hub.
     *
     * @return directory.
     */
    public Path datasetRoot()
    {
        return home.resolve("datasets").resolve(DATASET);
    }

    /**
     * The configuration file.
     *
     * @return path.
     */
    public Path configFile()
    {
        return home.resolve("ferry.toml");
    }

    /**
     * API base URL.
     *
     * @return URL string.
     */
    public String apiUrl()
    {
        return "http://127.0.0.1:" + apiPort;
    }

    /**
     * Write the token file (0600), dataset root and ferry.toml naming the peer and trusting its public key.
     *
     * @param peer    the other hub.
     * @param mtu     link MTU.
     * @throws IOException on a write failure.
     */
    public void write(final DemoHubConfig peer, final int mtu) throws IOException
    {
        write(List.of(peer), mtu);
    }

    /**
     * Write the token file (0600), dataset root and ferry.toml naming every peer and trusting their public keys.
     *
     * @param peers   the other hubs.
     * @param mtu     link MTU.
     * @throws IOException on a write failure.
     */
    public void write(final List<DemoHubConfig> peers, final int mtu) throws IOException
    {
        write(peers, mtu, "10gbit");
    }

    /**
     * Write the token file (0600), dataset root and ferry.toml naming every peer, each link paced to a bandwidth.
     *
     * @param peers     the other hubs.
     * @param mtu       link MTU.
     * @param bandwidth {@code [[peer]] bandwidth} of every link, e.g. {@code "200mbit"}.
     * @throws IOException on a write failure.
     */
    public void write(final List<DemoHubConfig> peers, final int mtu, final String bandwidth) throws IOException
    {
        final Path tokenFile = home.resolve("api.token");
        Files.writeString(tokenFile, token + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        Files.createDirectories(datasetRoot());
        final String toml = String.join("\n",
            "[hub]",
            "id = \"" + hubId + "\"",
            "data_dir = \"" + home.resolve("data") + "\"",
            "identity_key = \"" + identityKey() + "\"",
            "",
            "[transport]",
            "listen = \"127.0.0.1:" + udpPort + "\"",
            "mtu = " + mtu,
            "aeron_dir = \"" + aeronDir + "\"",
            "",
            "[api]",
            "listen = \"127.0.0.1:" + apiPort + "\"",
            "token_file = \"" + tokenFile + "\"",
            "",
            peerTables(peers, bandwidth),
            "[[dataset]]",
            "name = \"" + DATASET + "\"",
            "root = \"" + datasetRoot() + "\"",
            "");
        Files.writeString(configFile(), toml, StandardCharsets.UTF_8);
    }

    private static String peerTables(final List<DemoHubConfig> peers, final String bandwidth)
    {
        final StringBuilder tables = new StringBuilder();
        for (final DemoHubConfig peer : peers)
        {
            tables.append("[[peer]]\n")
                .append("id = \"").append(peer.hubId).append("\"\n")
                .append("endpoint = \"127.0.0.1:").append(peer.udpPort).append("\"\n")
                .append("public_key = \"").append(peer.publicKey).append("\"\n")
                .append("bandwidth = \"").append(bandwidth).append("\"\n")
                .append("rtt = \"200us\"\n\n");
        }
        return tables.toString();
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
