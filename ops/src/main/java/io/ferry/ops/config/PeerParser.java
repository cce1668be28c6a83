package io.ferry.ops.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code [[peer]]} tables: the other hubs, their keys and the paths to them.
 */
final class PeerParser
{
    /** A gigabit link is the least a hub between sites is expected to have. */
    static final long DEFAULT_BANDWIDTH_BITS_PER_SECOND = 1_000_000_000L;
    /** A round trip within one region. */
    static final long DEFAULT_RTT_NS = 10_000_000L;
    /** Longer round trips than this are not a network path ferry is built for, so they are likely typos. */
    static final long MAX_RTT_NS = 10_000_000_000L;
    /** An Ed25519 public key is 32 bytes. */
    static final int PUBLIC_KEY_LENGTH = 32;

    private static final List<String> PEER_KEYS =
        List.of("id", "endpoint", "public_key", "bandwidth", "rtt", "mtu");

    private PeerParser()
    {
    }

    /**
     * Reads every peer, labelling each by position until its id is known to be valid and by id afterwards.
     *
     * @param file      the configuration file, for messages.
     * @param tables    the {@code [[peer]]} tables in file order.
     * @param hub       this hub, whose id no peer may take.
     * @param transport the transport, whose MTU is each peer's default.
     * @return the peers in file order.
     * @throws ConfigException on the first key that is missing or wrong.
     */
    static List<PeerConfig> parse(
        final Path file, final List<ObjectNode> tables, final HubConfig hub, final TransportConfig transport)
        throws ConfigException
    {
        final List<PeerConfig> peers = new ArrayList<>();
        final Map<String, Integer> positionById = new HashMap<>();
        for (int i = 0; i < tables.size(); i++)
        {
            final int position = i + 1;
            final TomlTable table = TomlTable.of(file, "[[peer]] #" + position + ":", tables.get(i), PEER_KEYS);
            final String id = table.requiredString("id");
            if (!ConfigParser.HUB_ID.matcher(id).matches())
            {
                throw table.invalid("id", table.written("id") + " is not a valid hub id (" +
                    ConfigParser.HUB_ID_RULE + ", e.g. \"west\")");
            }
            if (id.equals(hub.id()))
            {
                throw table.invalid("id", table.written("id") + " is this hub's own id ([hub] id); " +
                    "list only the other hubs as peers");
            }
            final Integer firstPosition = positionById.putIfAbsent(id, position);
            if (null != firstPosition)
            {
                throw table.invalid("id", table.written("id") + " is already the id of [[peer]] #" + firstPosition +
                    "; give each peer its own id, or merge the two tables");
            }

            peers.add(peer(table.relabel("[[peer]] " + id + ":"), id, transport));
        }

        return peers;
    }

    private static PeerConfig peer(final TomlTable table, final String id, final TransportConfig transport)
        throws ConfigException
    {
        final HostPort endpoint = table.hostPort("endpoint", null);
        final String publicKey = publicKey(table, id);

        final long bandwidth = table.bitsPerSecond("bandwidth", DEFAULT_BANDWIDTH_BITS_PER_SECOND);
        if (bandwidth <= 0)
        {
            throw table.invalid("bandwidth", table.written("bandwidth") +
                " must be more than 0 (the rate the path to " + id + " can carry, e.g. \"10gbit\")");
        }

        final long rttNs = table.durationNs("rtt", DEFAULT_RTT_NS);
        if (rttNs <= 0 || rttNs > MAX_RTT_NS)
        {
            throw table.invalid("rtt", table.written("rtt") +
                " must be more than 0 and at most 10s (the round-trip time to " + id + ", e.g. \"40ms\")");
        }

        final int mtu = ConfigParser.mtu(table, transport.mtu());

        return new PeerConfig(id, endpoint.host(), endpoint.port(), publicKey, bandwidth, rttNs, mtu);
    }

    private static String publicKey(final TomlTable table, final String id) throws ConfigException
    {
        final String publicKey = table.optionalString("public_key", null);
        if (null == publicKey)
        {
            return null;
        }

        final String fix = "copy the public key that ferry keygen printed on " + id;
        final byte[] decoded;
        try
        {
            decoded = Base64.getDecoder().decode(publicKey);
        }
        catch (final IllegalArgumentException ex)
        {
            throw table.invalid("public_key", table.written("public_key") + " is not a base64 Ed25519 key (" +
                fix + ")");
        }
        if (decoded.length != PUBLIC_KEY_LENGTH)
        {
            throw table.invalid("public_key", table.written("public_key") + " is not a base64 Ed25519 key: it " +
                "decodes to " + decoded.length + " bytes, not " + PUBLIC_KEY_LENGTH + " (" + fix + ")");
        }

        return publicKey;
    }
}
