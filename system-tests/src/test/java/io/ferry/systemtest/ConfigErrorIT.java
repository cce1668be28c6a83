package io.ferry.systemtest;

import io.ferry.ops.demo.DemoHubConfig;
import io.ferry.ops.demo.HubProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ferryd refuses a bad configuration before starting anything: exit 2, and a message naming file and key.
 */
class ConfigErrorIT
{
    @TempDir
    Path base;

    @Test
    void badPeerBandwidthExitsTwoNamingFileAndKey() throws Exception
    {
        final DemoHubConfig east = DemoHubConfig.create(base, "east");
        final DemoHubConfig west = DemoHubConfig.create(base, "west");
        east.write(west, 8192);
        final String config = Files.readString(east.configFile()).replace("bandwidth = \"10gbit\"", "bandwidth = \"10gbt\"");
        Files.writeString(east.configFile(), config);

        final HubProcess process = HubProcess.start("east", east.configFile(), base.resolve("east.log"));
        assertTrue(process.process().waitFor(60, TimeUnit.SECONDS), "ferryd did not exit");
        final String output = Files.readString(base.resolve("east.log"), StandardCharsets.UTF_8);

        assertEquals(2, process.process().exitValue(), output);
        assertTrue(output.contains(east.configFile().toString()), output);
        assertTrue(output.contains("[[peer]] west: bandwidth"), output);
        assertTrue(output.contains("10gbt"), output);
        assertTrue(!Files.exists(east.home().resolve("data")), "ferryd created its data dir despite a bad config");
    }
}
