package io.ferry.ops.config;

import org.junit.jupiter.api.Test;

import static io.ferry.ops.config.ConfigLoaderParseTest.assertError;
import static io.ferry.ops.config.ConfigTexts.FILE;
import static io.ferry.ops.config.ConfigTexts.minimalReplacing;
import static io.ferry.ops.config.ConfigTexts.minimalWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ConfigLoaderValueTest
{
    @Test
    void shouldRejectBadRate()
    {
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] west: bandwidth: \"10gbt\" is not a rate " +
                "(use e.g. 10gbit, 500mbit, 2.5gbit)",
            minimalWith("[[peer]]", "bandwidth = \"10gbt\""));
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] west: bandwidth: \"0gbit\" must be more than 0 " +
                "(the rate the path to west can carry, e.g. \"10gbit\")",
            minimalWith("[[peer]]", "bandwidth = \"0gbit\""));
        assertError(
            "/etc/ferry/ferry.toml: [transport] bandwidth: expected a rate (a string like \"10gbit\"), got number 1.5",
            minimalWith("[transport]", "bandwidth = 1.5"));
    }

    @Test
    void shouldAcceptZeroHubBandwidthAsNoCap() throws ConfigException
    {
        assertEquals(0, ConfigLoader.parse(FILE, minimalWith("[transport]", "bandwidth = 0"))
            .transport().bandwidthBitsPerSecond());
    }

    @Test
    void shouldRejectBadDuration()
    {
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] west: rtt: \"40\" is not a duration " +
                "(use e.g. 40ms, 1.5s, 250us, 100ns, 2m)",
            minimalWith("[[peer]]", "rtt = \"40\""));
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] west: rtt: \"11s\" must be more than 0 and at most 10s " +
                "(the round-trip time to west, e.g. \"40ms\")",
            minimalWith("[[peer]]", "rtt = \"11s\""));
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] west: rtt: \"0ms\" must be more than 0 and at most 10s " +
                "(the round-trip time to west, e.g. \"40ms\")",
            minimalWith("[[peer]]", "rtt = \"0ms\""));
    }

    @Test
    void shouldRejectMtuThatIsNotMultipleOf32()
    {
        assertError(
            "/etc/ferry/ferry.toml: [transport] mtu: 8200 is not a multiple of 32 (try 8192)",
            minimalWith("[transport]", "mtu = 8200"));
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] west: mtu: 9000 is not a multiple of 32 (try 8992)",
            minimalWith("[[peer]]", "mtu = 9000"));
    }

    @Test
    void shouldRejectMtuOutOfRange()
    {
        assertError(
            "/etc/ferry/ferry.toml: [transport] mtu: 1024 is outside 1408-65504 " +
                "(1408 fits any Ethernet path, 8960 suits jumbo frames)",
            minimalWith("[transport]", "mtu = 1024"));
        assertError(
            "/etc/ferry/ferry.toml: [transport] mtu: 65536 is outside 1408-65504 " +
                "(1408 fits any Ethernet path, 8960 suits jumbo frames)",
            minimalWith("[transport]", "mtu = 65536"));
    }

    @Test
    void shouldRejectTermLengthThatIsNotPowerOfTwo()
    {
        assertError(
            "/etc/ferry/ferry.toml: [transport] term_length: \"100k\" is not a power of two " +
                "(try 64k or 128k, or 0 to derive it from the peers)",
            minimalWith("[transport]", "term_length = \"100k\""));
        assertError(
            "/etc/ferry/ferry.toml: [transport] term_length: 3000000 is not a power of two " +
                "(try 2m or 4m, or 0 to derive it from the peers)",
            minimalWith("[transport]", "term_length = 3000000"));
    }

    @Test
    void shouldRejectTermLengthOutOfRange()
    {
        assertError(
            "/etc/ferry/ferry.toml: [transport] term_length: \"2g\" is outside 64k-1g " +
                "(or 0 to derive it from the peers)",
            minimalWith("[transport]", "term_length = \"2g\""));
        assertError(
            "/etc/ferry/ferry.toml: [transport] term_length: \"32k\" is outside 64k-1g " +
                "(or 0 to derive it from the peers)",
            minimalWith("[transport]", "term_length = \"32k\""));
    }

    @Test
    void shouldAcceptTermLengthBounds() throws ConfigException
    {
        assertEquals(64 * 1024, ConfigLoader.parse(FILE, minimalWith("[transport]", "term_length = \"64k\""))
            .transport().termLength());
        assertEquals(1 << 30, ConfigLoader.parse(FILE, minimalWith("[transport]", "term_length = \"1g\""))
            .transport().termLength());
    }

    @Test
    void shouldRejectPublicKeyThatIsNotBase64()
    {
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] west: public_key: \"not base64!\" is not a base64 Ed25519 key " +
                "(copy the public key that ferry keygen printed on west)",
            minimalWith("[[peer]]", "public_key = \"not base64!\""));
    }

    @Test
    void shouldRejectPublicKeyOfWrongLength()
    {
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] west: public_key: \"AAAA\" is not a base64 Ed25519 key: it decodes to " +
                "3 bytes, not 32 (copy the public key that ferry keygen printed on west)",
            minimalWith("[[peer]]", "public_key = \"AAAA\""));
    }

    @Test
    void shouldRejectBadEndpoints()
    {
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] west: endpoint: \"198.51.100.7\" is not host:port (use e.g. " +
                "0.0.0.0:40100, 198.51.100.7:40100, west.example.net:40100 or [::1]:40100)",
            minimalReplacing("\"198.51.100.7:40100\"", "\"198.51.100.7\""));
        assertError(
            "/etc/ferry/ferry.toml: [transport] listen: \"0.0.0.0:70000\" has port 70000, outside 1-65535",
            minimalReplacing("\"0.0.0.0:40100\"", "\"0.0.0.0:70000\""));
        assertError(
            "/etc/ferry/ferry.toml: [transport] listen: \"0.0.0.0:0\" has port 0, outside 1-65535",
            minimalReplacing("\"0.0.0.0:40100\"", "\"0.0.0.0:0\""));
        assertError(
            "/etc/ferry/ferry.toml: [api] listen: \"::1:8420\" has an IPv6 address without brackets " +
                "(write [::1]:8420)",
            minimalWith("[api]", "listen = \"::1:8420\""));
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] west: endpoint: \"300.1.1.1:40100\" has host \"300.1.1.1\", which is " +
                "neither an IP address nor a host name (use e.g. 0.0.0.0:40100, 198.51.100.7:40100, " +
                "west.example.net:40100 or [::1]:40100)",
            minimalReplacing("\"198.51.100.7:40100\"", "\"300.1.1.1:40100\""));
        assertError(
            "/etc/ferry/ferry.toml: [[peer]] west: endpoint: \"198.51.100.7:http\" has port \"http\", which is not " +
                "a number from 1 to 65535",
            minimalReplacing("\"198.51.100.7:40100\"", "\"198.51.100.7:http\""));
    }

    @Test
    void shouldRejectUnknownChoices()
    {
        assertError(
            "/etc/ferry/ferry.toml: [transport] driver: \"shared\" is not a driver (use \"embedded\" or \"external\")",
            minimalWith("[transport]", "driver = \"shared\""));
        assertError(
            "/etc/ferry/ferry.toml: [transport] encryption: \"aes-128-gcm\" is not a frame protection " +
                "(use \"aes-256-gcm\" or \"none\")",
            minimalWith("[transport]", "encryption = \"aes-128-gcm\""));
    }

    @Test
    void shouldReadHashThreadsAndRejectNegativeOrHugeCounts() throws ConfigException
    {
        assertEquals(4, ConfigLoader.parse(FILE, minimalWith("[hub]", "hash_threads = 4")).hub().hashThreads());
        assertError(
            "/etc/ferry/ferry.toml: [hub] hash_threads: -1 must be between 0 and 256 " +
                "(threads hashing a source before it is offered; 0 = one per processor)",
            minimalWith("[hub]", "hash_threads = -1"));
        assertError(
            "/etc/ferry/ferry.toml: [hub] hash_threads: 1000 must be between 0 and 256 " +
                "(threads hashing a source before it is offered; 0 = one per processor)",
            minimalWith("[hub]", "hash_threads = 1000"));
    }

    @Test
    void shouldRejectRetainBelowOne()
    {
        assertError(
            "/etc/ferry/ferry.toml: [[dataset]] imagenet: retain: 0 must be between 1 and 2147483647 " +
                "(how many committed versions of imagenet to keep)",
            minimalWith("[[dataset]]", "retain = 0"));
    }

    @Test
    void shouldRejectSupersedeThatIsNotABoolean()
    {
        assertError(
            "/etc/ferry/ferry.toml: [[dataset]] imagenet: supersede: expected true or false, got string \"no\"",
            minimalWith("[[dataset]]", "supersede = \"no\""));
    }

    @Test
    void shouldRequireBothTlsCertAndKey()
    {
        assertError(
            "/etc/ferry/ferry.toml: [api] tls_key: missing (tls_cert is set; TLS needs both the certificate chain " +
                "and its private key: set tls_key, or remove tls_cert to serve plain HTTP)",
            minimalWith("[api]", "tls_cert = \"api.crt\""));
        assertError(
            "/etc/ferry/ferry.toml: [api] tls_cert: missing (tls_key is set; TLS needs both the certificate chain " +
                "and its private key: set tls_cert, or remove tls_key to serve plain HTTP)",
            minimalWith("[api]", "tls_key = \"api.key\""));
    }
}
