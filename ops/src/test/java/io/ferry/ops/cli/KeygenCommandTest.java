package io.ferry.ops.cli;

import io.ferry.transport.HubIdentity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeygenCommandTest
{
    @TempDir
    Path dir;

    @Test
    void writesKeyWithMode0600AndPrintsItsPublicKey() throws Exception
    {
        final Path key = dir.resolve("east.key");
        final CliHarness.Run run = CliHarness.execute(Map.of(), false, "keygen", "--out", key.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals(HubIdentity.load(key).publicKeyBase64(), run.out().strip());
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception
    {
        final Path key = dir.resolve("east.key");
        CliHarness.execute(Map.of(), false, "keygen", "--out", key.toString());
        final String before = Files.readString(key);

        final CliHarness.Run refused = CliHarness.execute(Map.of(), false, "keygen", "--out", key.toString());
        assertEquals(ExitCodes.USAGE, refused.exitCode());
        assertTrue(refused.err().contains("already exists"), refused.err());
        assertEquals(before, Files.readString(key));

        final CliHarness.Run forced =
            CliHarness.execute(Map.of(), false, "keygen", "--out", key.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertEquals(HubIdentity.load(key).publicKeyBase64(), forced.out().strip());
    }
}
