package io.ferry.ops.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.ferry.ops.config.ConfigTexts.FILE;
import static io.ferry.ops.config.ConfigTexts.MINIMAL;
import static io.ferry.ops.config.ConfigTexts.minimalReplacing;
import static io.ferry.ops.config.ConfigTexts.minimalWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderParseTest
{
    @Test
    void shouldParseMinimalConfigAndFillDefaults() throws ConfigException
    {
        final FerryConfig config = ConfigLoader.parse(FILE, MINIMAL);

        assertEquals(FILE, config.file());
        assertEquals(new HubConfig("east", Path.of("/var/lib/ferry"), null, 0), config.hub());
        assertEquals(
            new TransportConfig("0.0.0.0", 40100, 1408, 0, Path.of("/dev/shm/ferry-east"), false, 0, "aes-256-gcm"),
            config.transport());
        assertEquals(new ApiConfig("127.0.0.1", 8420, Path.of("/etc/ferry/api.token"), null, null), config.api());
        assertFalse(config.api().tls());
        assertEquals(
            List.of(new PeerConfig("west", "198.51.100.7", 40100, null, 1_000_000_000L, 10_000_000L, 1408)),
            config.peers());
        assertEquals(List.of(new DatasetConfig("imagenet", Path.of("/srv/imagenet"), 3, true)), config.datasets());
        assertEquals("west", config.peer("west").orElseThrow().id());
        assertFalse(config.peer("north").isPresent());
        assertEquals(3, config.dataset("imagenet").orElseThrow().retain());
        assertFalse(config.dataset("other").isPresent());
    }

    @Test
    void shouldParseEveryKey() throws ConfigException
    {
        final String publicKey = "A".repeat(43) + "=";
        final String text = """
            [hub]
            id = "east"
            data_dir = "/var/lib/ferry"
            identity_key = "keys/east.key"

            [transport]
            listen = "[::1]:40100"
            mtu = 8192
            term_length = "16m"
            aeron_dir = "/run/ferry/aeron"
            driver = "external"
            bandwidth = "2.5gbit"
            encryption = "none"

            [api]
            listen = "localhost:9000"
            token_file = "/etc/ferry/api.token"
            tls_cert = "tls/api.crt"
            tls_key = "/etc/ferry/tls/api.key"

            [[peer]]
            id = "west"
            endpoint = "west.example.net:40200"
            public_key = "%s"
            bandwidth = "10gbit"
            rtt = "40ms"
            mtu = 1408

            [[peer]]
            id = "north-2"
            endpoint = "203.0.113.9:40100"

            [[dataset]]
            name = "llama-ckpt"
            root = "/srv/ckpt/llama"
            retain = 5
            supersede = false
            """.formatted(publicKey);

        final FerryConfig config = ConfigLoader.parse(FILE, text);

        assertEquals(new HubConfig("east", Path.of("/var/lib/ferry"), Path.of("/etc/ferry/keys/east.key"), 0), config.hub());
        assertEquals(
            new TransportConfig("::1", 40100, 8192, 16 << 20, Path.of("/run/ferry/aeron"), true, 2_500_000_000L,
                "none"),
            config.transport());
        assertEquals(new ApiConfig("localhost", 9000, Path.of("/etc/ferry/api.token"),
            Path.of("/etc/ferry/tls/api.crt"), Path.of("/etc/ferry/tls/api.key")), config.api());
        assertTrue(config.api().tls());
        assertEquals(
            new PeerConfig("west", "west.example.net", 40200, publicKey, 10_000_000_000L, 40_000_000L, 1408),
            config.peers().get(0));
        assertEquals(8192, config.peer("north-2").orElseThrow().mtu());
        assertEquals(new DatasetConfig("llama-ckpt", Path.of("/srv/ckpt/llama"), 5, false), config.datasets().get(0));
    }

    @Test
    void shouldAllowNoPeersAndNoDatasets() throws ConfigException
    {
        final String text = MINIMAL.substring(0, MINIMAL.indexOf("[[dataset]]"));

        final FerryConfig config = ConfigLoader.parse(FILE, text);

        assertTrue(config.peers().isEmpty());
        assertTrue(config.datasets().isEmpty());
    }

    @Test
    void shouldRejectMissingRequiredKey()
    {
        assertError("/etc/ferry/ferry.toml: [hub] id: missing (required)", minimalReplacing("id = \"east\"\n", ""));
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] west: endpoint: missing (required)",
            minimalReplacing("endpoint = \"198.51.100.7:40100\"\n", ""));
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] #1: id: missing (required)",
            minimalReplacing("id = \"west\"\n", ""));
    }

    @Test
    void shouldReportMissingTableAsItsFirstRequiredKey()
    {
        assertError(
            "/etc/ferry/ferry.toml: [api] token_file: missing (required)",
            minimalReplacing("[api]\ntoken_file = \"/etc/ferry/api.token\"\n", ""));
    }

    @Test
    void shouldRejectUnknownTopLevelKey()
    {
        assertError(
            "/etc/ferry/ferry.toml: huub: unknown key (valid keys: hub, transport, api, peer, dataset)",
            "[huub]\nid = \"east\"\n" + MINIMAL);
    }

    @Test
    void shouldRejectUnknownNestedKey()
    {
        assertError(
            "/etc/ferry/ferry.toml: [transport] mtuu: unknown key " +
                "(valid keys: listen, mtu, term_length, aeron_dir, driver, bandwidth, encryption)",
            minimalWith("[transport]", "mtuu = 8192"));
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] #1: bandwith: unknown key " +
                "(valid keys: id, endpoint, public_key, bandwidth, rtt, mtu)",
            minimalWith("[[peer]]", "bandwith = \"10gbit\""));
    }

    @Test
    void shouldRejectWrongTypes()
    {
        assertError(
            "/etc/ferry/ferry.toml: transport: expected a table [transport], got string \"0.0.0.0:40100\"",
            "transport = \"0.0.0.0:40100\"\n" + minimalReplacing("[transport]\nlisten = \"0.0.0.0:40100\"\n", ""));
        assertError(
            "/etc/ferry/ferry.toml: [transport] mtu: expected an integer, got string \"8192\"",
            minimalWith("[transport]", "mtu = \"8192\""));
        assertError(
            "/etc/ferry/ferry.toml: [hub] id: expected a string, got integer 7",
            minimalReplacing("id = \"east\"", "id = 7"));
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] west: rtt: expected a duration (a string like \"40ms\"), got integer 40",
            minimalWith("[[peer]]", "rtt = 40"));
    }

    @Test
    void shouldRejectSingleTableWhereArrayOfTablesBelongsAndTheOtherWayRound()
    {
        assertError(
            "/etc/ferry/ferry.toml: peer: expected an array of tables [[peer]], got one table; " +
                "write [[peer]], not [peer]",
            minimalReplacing("[[peer]]", "[peer]"));
        assertError(
            "/etc/ferry/ferry.toml: hub: expected one table [hub], got an array; write [hub], not [[hub]]",
            minimalReplacing("[hub]", "[[hub]]"));
    }

    @Test
    void shouldRejectTomlSyntaxErrorWithLine()
    {
        final ConfigException ex = assertThrows(
            ConfigException.class, () -> ConfigLoader.parse(FILE, minimalReplacing("id = \"east\"", "id = east")));

        assertEquals(
            "/etc/ferry/ferry.toml: line 2: TOML syntax error at column 6: Unknown token (check the quotes around " +
                "strings and the [table] and [[array]] headers on this line and the one before)",
            ex.getMessage());
    }

    @Test
    void shouldRejectDuplicatePeerId()
    {
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] #2: id: \"west\" is already the id of [[peer]] #1; " +
                "give each peer its own id, or merge the two tables",
            MINIMAL + "\n[[peer]]\nid = \"west\"\nendpoint = \"198.51.100.8:40100\"\n");
    }

    @Test
    void shouldRejectPeerIdEqualToHubId()
    {
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] #1: id: \"east\" is this hub's own id ([hub] id); " +
                "list only the other hubs as peers",
            minimalReplacing("id = \"west\"", "id = \"east\""));
    }

    @Test
    void shouldRejectInvalidIds()
    {
        assertError(
            "/etc/ferry/ferry.toml: [hub] id: \"East\" is not a valid hub id (use 1-32 characters of a-z, 0-9 and -, " +
                "starting with a letter or digit, e.g. \"east\")",
            minimalReplacing("id = \"east\"", "id = \"East\""));
        assertError(
            "/etc/ferry/ferry.toml: [[dataset]] #1: name: \"image net\" is not a valid dataset name (use 1-64 " +
                "characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit, e.g. \"imagenet\")",
            minimalReplacing("name = \"imagenet\"", "name = \"image net\""));
    }

    @Test
    void shouldRejectDuplicateDatasetName()
    {
        assertError(
            "/etc/ferry/ferry.toml: [[dataset]] #2: name: \"imagenet\" is already the name of [[dataset]] #1; " +
                "give each dataset its own name",
            minimalWith("[[dataset]]", "name = \"imagenet\"\nroot = \"/srv/a\"\n\n[[dataset]]"));
    }

    @Test
    void shouldResolveRelativeSecretPathsAgainstConfigDirectory() throws ConfigException
    {
        final FerryConfig config = ConfigLoader.parse(
            Path.of("/opt/ferry/conf/ferry.toml"),
            minimalReplacing("\"/etc/ferry/api.token\"", "\"../secrets/api.token\""));

        assertEquals(Path.of("/opt/ferry/secrets/api.token"), config.api().tokenFile());
    }

    @Test
    void shouldRejectRelativeDataDirAndRoot()
    {
        assertError(
            "/etc/ferry/ferry.toml: [hub] data_dir: \"var/lib/ferry\" is not an absolute path " +
                "(write it from /, e.g. \"/var/lib/ferry\")",
            minimalReplacing("\"/var/lib/ferry\"", "\"var/lib/ferry\""));
        assertError(
            "/etc/ferry/ferry.toml: [[dataset]] imagenet: root: is empty (write a path)",
            minimalReplacing("\"/srv/imagenet\"", "\"\""));
    }

    static void assertError(final String expectedMessage, final String text)
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.parse(FILE, text));
        assertEquals(expectedMessage, ex.getMessage());
    }
}
