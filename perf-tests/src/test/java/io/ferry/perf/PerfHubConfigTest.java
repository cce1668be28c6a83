package io.ferry.perf;

import io.ferry.ops.config.ConfigLoader;
import io.ferry.ops.config.FerryConfig;
import io.ferry.ops.demo.DemoHubConfig;
import io.ferry.transport.Encryption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PerfHubConfigTest
{
    @TempDir
    Path tmp;

    @Test
    void writesAConfigurationFerrydAcceptsWithIdentityPeerKeyAndEncryption() throws Exception
    {
        final DemoHubConfig east = DemoHubConfig.create(tmp, "east");
        final DemoHubConfig west = DemoHubConfig.create(tmp, "west");

        PerfHubConfig.write(east, west, 8192, "40gbit", "1ms", Encryption.NONE);
        final FerryConfig config = ConfigLoader.load(east.configFile());

        assertEquals(east.identityKey(), config.hub().identityKey());
        assertEquals("none", config.transport().encryption());
        assertEquals(8192, config.transport().mtu());
        assertEquals(west.publicKey(), config.peer("west").orElseThrow().publicKey());
        assertEquals(40_000_000_000L, config.peer("west").orElseThrow().bandwidthBitsPerSecond());
    }
}
