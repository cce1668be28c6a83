package io.ferry.ops.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a TOML document into a {@link FerryConfig}, checking every key without touching the machine.
 */
final class ConfigParser
{
    /** Hub ids name hubs in messages, metrics and paths, so they stay short and plain. */
    static final Pattern HUB_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    static final String HUB_ID_RULE = "use 1-32 characters of a-z, 0-9 and -, starting with a letter or digit";

    /** The smallest MTU, which fits any path that carries 1500-byte Ethernet frames. */
    static final int MIN_MTU = 1408;
    /** The largest MTU Aeron accepts. */
    static final int MAX_MTU = 65504;
    /** Aeron aligns frames to 32 bytes, so MTUs are multiples of it. */
    static final int MTU_ALIGNMENT = 32;

    /** The smallest term length Aeron accepts. */
    static final long MIN_TERM_LENGTH = 64L * 1024;
    /** The largest term length Aeron accepts. */
    static final long MAX_TERM_LENGTH = 1024L * 1024 * 1024;

    /** Where the API listens unless configured: loopback, so only local users reach it. */
    static final String DEFAULT_API_LISTEN = "127.0.0.1:8420";
    /** Aeron's shared memory lives in tmpfs, one directory per hub so two hubs can share a machine. */
    static final Path DEFAULT_AERON_PARENT = Path.of("/dev/shm");

    private static final List<String> TOP_LEVEL_KEYS = List.of("hub", "transport", "api", "peer", "dataset");
    private static final int MAX_HASH_THREADS = 256;
    private static final List<String> HUB_KEYS = List.of("id", "data_dir", "identity_key", "hash_threads");
    private static final List<String> TRANSPORT_KEYS =
        List.of("listen", "mtu", "term_length", "aeron_dir", "driver", "bandwidth", "encryption");
    private static final List<String> API_KEYS = List.of("listen", "token_file", "tls_cert", "tls_key");

    private ConfigParser()
    {
    }

    /**
     * Validates a parsed TOML document and builds the configuration from it.
     *
     * @param file     the file the document came from; relative paths in it are resolved against its directory.
     * @param document the document's top-level table.
     * @return the configuration.
     * @throws ConfigException on the first key, in file order within each table, that is missing or wrong.
     */
    static FerryConfig parse(final Path file, final ObjectNode document) throws ConfigException
    {
        final Path baseDir = file.toAbsolutePath().getParent();
        final TomlTable top = TomlTable.of(file, "", document, TOP_LEVEL_KEYS);

        final HubConfig hub = hub(TomlTable.of(file, "[hub]", top.table("hub"), HUB_KEYS), baseDir);
        final TransportConfig transport =
            transport(TomlTable.of(file, "[transport]", top.table("transport"), TRANSPORT_KEYS), hub, baseDir);
        final ApiConfig api = api(TomlTable.of(file, "[api]", top.table("api"), API_KEYS), baseDir);
        final List<PeerConfig> peers = PeerParser.parse(file, top.tableArray("peer"), hub, transport);
        final List<DatasetConfig> datasets = DatasetParser.parse(file, top.tableArray("dataset"));

        return new FerryConfig(file, hub, transport, api, peers, datasets);
    }

    /**
     * Reads an MTU that must be a multiple of 32 between {@link #MIN_MTU} and {@link #MAX_MTU}.
     */
    static int mtu(final TomlTable table, final int defaultValue) throws ConfigException
    {
        final long mtu = table.integer("mtu", defaultValue);
        if (mtu < MIN_MTU || mtu > MAX_MTU)
        {
            throw table.invalid("mtu", table.written("mtu") + " is outside " + MIN_MTU + "-" + MAX_MTU +
                " (1408 fits any Ethernet path, 8960 suits jumbo frames)");
        }
        if (mtu % MTU_ALIGNMENT != 0)
        {
            throw table.invalid("mtu", table.written("mtu") + " is not a multiple of " + MTU_ALIGNMENT + " (try " +
                Math.max(MIN_MTU, mtu / MTU_ALIGNMENT * MTU_ALIGNMENT) + ")");
        }

        return (int)mtu;
    }

    /**
     * Reads a string that must be one of {@code choices}, the first being the default.
     */
    static String choice(final TomlTable table, final String key, final String what, final List<String> choices)
        throws ConfigException
    {
        final String value = table.optionalString(key, choices.get(0));
        if (!choices.contains(value))
        {
            throw table.invalid(key, table.written(key) + " is not " + what + " (use \"" +
                String.join("\" or \"", choices) + "\")");
        }

        return value;
    }

    private static HubConfig hub(final TomlTable table, final Path baseDir) throws ConfigException
    {
        final String id = table.requiredString("id");
        if (!HUB_ID.matcher(id).matches())
        {
            throw table.invalid("id", table.written("id") + " is not a valid hub id (" + HUB_ID_RULE + ", e.g. \"east\")");
        }

        final Path dataDir = table.absolutePath("data_dir");
        final Path identityKey = table.path("identity_key", baseDir);
        final long hashThreads = table.integer("hash_threads", 0);
        if (hashThreads < 0 || hashThreads > MAX_HASH_THREADS)
        {
            throw table.invalid("hash_threads", table.written("hash_threads") + " must be between 0 and " +
                MAX_HASH_THREADS + " (threads hashing a source before it is offered; 0 = one per processor)");
        }

        return new HubConfig(id, dataDir, identityKey, (int)hashThreads);
    }

    private static TransportConfig transport(final TomlTable table, final HubConfig hub, final Path baseDir)
        throws ConfigException
    {
        final HostPort listen = table.hostPort("listen", null);
        final int mtu = mtu(table, MIN_MTU);
        final int termLength = termLength(table);
        final Path configuredAeronDir = table.path("aeron_dir", baseDir);
        final Path aeronDir = null != configuredAeronDir ?
            configuredAeronDir : DEFAULT_AERON_PARENT.resolve("ferry-" + hub.id());
        final boolean externalDriver =
            "external".equals(choice(table, "driver", "a driver", List.of("embedded", "external")));
        final long bandwidth = table.bitsPerSecond("bandwidth", 0);
        final String encryption =
            choice(table, "encryption", "a frame protection", List.of("aes-256-gcm", "none"));

        return new TransportConfig(
            listen.host(), listen.port(), mtu, termLength, aeronDir, externalDriver, bandwidth, encryption);
    }

    private static int termLength(final TomlTable table) throws ConfigException
    {
        final long termLength = table.bytes("term_length", 0);
        final String derive = "or 0 to derive it from the peers";
        if (0 == termLength)
        {
            return 0;
        }
        if (termLength < MIN_TERM_LENGTH || termLength > MAX_TERM_LENGTH)
        {
            throw table.invalid("term_length", table.written("term_length") + " is outside 64k-1g (" + derive + ")");
        }
        if (Long.bitCount(termLength) != 1)
        {
            final long lower = Long.highestOneBit(termLength);
            throw table.invalid("term_length", table.written("term_length") + " is not a power of two (try " +
                shortSize(lower) + " or " + shortSize(lower << 1) + ", " + derive + ")");
        }

        return (int)termLength;
    }

    private static ApiConfig api(final TomlTable table, final Path baseDir) throws ConfigException
    {
        final HostPort listen = table.hostPort("listen", DEFAULT_API_LISTEN);
        if (!table.has("token_file"))
        {
            throw table.invalid("token_file", "missing (required)");
        }

        final Path tlsCert = table.path("tls_cert", baseDir);
        final Path tlsKey = table.path("tls_key", baseDir);
        if (null == tlsCert && null != tlsKey)
        {
            throw table.invalid("tls_cert", "missing (tls_key is set; TLS needs both the certificate chain and its " +
                "private key: set tls_cert, or remove tls_key to serve plain HTTP)");
        }
        if (null != tlsCert && null == tlsKey)
        {
            throw table.invalid("tls_key", "missing (tls_cert is set; TLS needs both the certificate chain and its " +
                "private key: set tls_key, or remove tls_cert to serve plain HTTP)");
        }

        return new ApiConfig(listen.host(), listen.port(), table.path("token_file", baseDir), tlsCert, tlsKey);
    }

    private static String shortSize(final long powerOfTwo)
    {
        final int shift = Long.numberOfTrailingZeros(powerOfTwo);
        if (shift >= 30)
        {
            return (powerOfTwo >> 30) + "g";
        }

        return shift >= 20 ? (powerOfTwo >> 20) + "m" : (powerOfTwo >> 10) + "k";
    }
}
