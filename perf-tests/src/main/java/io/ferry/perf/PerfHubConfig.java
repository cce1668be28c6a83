package io.ferry.perf;

import io.ferry.ops.demo.DemoHubConfig;
import io.ferry.transport.Encryption;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the ferry.toml of a benchmark hub: the demo hub's layout, ports and identity key, trusting the peer's public
 * key, with the link's bandwidth, RTT and frame protection chosen by the run and the Aeron directory inside the hub's
 * home.
 */
public final class PerfHubConfig
{
    private PerfHubConfig()
    {
    }

    /**
     * Write the token file (0600), dataset root and ferry.toml naming the peer and trusting its public key.
     *
     * @param hub        this hub, whose identity key {@link DemoHubConfig#create} wrote.
     * @param peer       the other hub.
     * @param mtu        link MTU.
     * @param bandwidth  link bandwidth as ferry.toml takes it, e.g. {@code "40gbit"}.
     * @param rtt        link round-trip time as ferry.toml takes it, e.g. {@code "1ms"}.
     * @param encryption frame protection of the link; both hubs must be given the same.
     * @throws IOException on a write failure.
     */
    public static void write(
        final DemoHubConfig hub,
        final DemoHubConfig peer,
        final int mtu,
        final String bandwidth,
        final String rtt,
        final Encryption encryption) throws IOException
    {
        write(hub, HubPlacement.LOOPBACK, peer, HubPlacement.LOOPBACK, mtu, bandwidth, rtt, encryption);
    }

    /**
     * Write the token file (0600), dataset root and ferry.toml of a hub placed on given addresses, naming the peer at
     * its transport address and trusting its public key.
     *
     * @param hub            this hub, whose identity key {@link DemoHubConfig#create} wrote.
     * @param placement      where this hub listens.
     * @param peer           the other hub.
     * @param peerPlacement  where the other hub listens.
     * @param mtu            link MTU.
     * @param bandwidth      link bandwidth as ferry.toml takes it, e.g. {@code "200mbit"}.
     * @param rtt            link round-trip time as ferry.toml takes it, e.g. {@code "30ms"}.
     * @param encryption     frame protection of the link; both hubs must be given the same.
     * @throws IOException on a write failure.
     */
    public static void write(
        final DemoHubConfig hub,
        final HubPlacement placement,
        final DemoHubConfig peer,
        final HubPlacement peerPlacement,
        final int mtu,
        final String bandwidth,
        final String rtt,
        final Encryption encryption) throws IOException
    {
        final Path tokenFile = hub.home().resolve("api.token");
        Files.writeString(tokenFile, hub.token() + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        Files.createDirectories(hub.datasetRoot());
        final String toml = String.join("\n",
            "[hub]",
            "id = \"" + hub.hubId() + "\"",
            "data_dir = \"" + hub.home().resolve("data") + "\"",
            "identity_key = \"" + hub.identityKey() + "\"",
            "",
            "[transport]",
            "listen = \"" + placement.transportHost() + ":" + hub.udpPort() + "\"",
            "mtu = " + mtu,
            "aeron_dir = \"" + hub.home().resolve("aeron") + "\"",
            "encryption = \"" + encryption.configName() + "\"",
            "",
            "[api]",
            "listen = \"" + placement.apiHost() + ":" + hub.apiPort() + "\"",
            "token_file = \"" + tokenFile + "\"",
            "",
            "[[peer]]",
            "id = \"" + peer.hubId() + "\"",
            "endpoint = \"" + peerPlacement.transportHost() + ":" + peer.udpPort() + "\"",
            "public_key = \"" + peer.publicKey() + "\"",
            "bandwidth = \"" + bandwidth + "\"",
            "rtt = \"" + rtt + "\"",
            "",
            "[[dataset]]",
            "name = \"" + DemoHubConfig.DATASET + "\"",
            "root = \"" + hub.datasetRoot() + "\"",
            "");
        Files.writeString(hub.configFile(), toml, StandardCharsets.UTF_8);
    }
}
