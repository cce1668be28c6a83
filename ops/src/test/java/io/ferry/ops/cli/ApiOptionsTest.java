package io.ferry.ops.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApiOptionsTest
{
    @TempDir
    Path dir;

    private CliHarness harness;
    private String closedApi;

    @BeforeEach
    void start() throws Exception
    {
        harness = new CliHarness(dir);
        closedApi = "http://127.0.0.1:" + CliHarness.closedPort();
    }

    @AfterEach
    void stop()
    {
        harness.close();
    }

    @Test
    void configGivesListenAddressAndRelativeTokenFile() throws Exception
    {
        final Path config = config("[hub]\nid = \"east\"\n\n[api]\nlisten = \"0.0.0.0:" + harness.server.port() +
            "\"\ntoken_file = \"api.token\"\n");

        final CliHarness.Run run = CliHarness.execute(Map.of(), false, "status", "--config", config.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("hub        east", run.lines().get(0));
    }

    @Test
    void flagWinsOverConfigAndConfigOverEnvironment() throws Exception
    {
        final Path config = config("[api]\nlisten = \"127.0.0.1:" + harness.server.port() + "\"\n");
        final Map<String, String> env = Map.of("FERRY_API", closedApi,
            "FERRY_TOKEN_FILE", harness.tokenFile.toString());

        final CliHarness.Run fromConfig = CliHarness.execute(env, false, "status", "--config", config.toString());
        assertEquals(0, fromConfig.exitCode(), fromConfig.err());

        final CliHarness.Run fromFlag = CliHarness.execute(env, false, "status", "--config", config.toString(),
            "--api", closedApi);
        assertEquals(3, fromFlag.exitCode());
        assertEquals("ferry: cannot reach ferryd at " + closedApi + " (Connection refused); is it running? " +
            "Set --api or FERRY_API.", fromFlag.err().strip());
    }

    @Test
    void environmentIsUsedWithoutFlagsOrConfig()
    {
        final CliHarness.Run run = CliHarness.execute(Map.of("FERRY_API", harness.api() + "/",
            "FERRY_TOKEN_FILE", harness.tokenFile.toString()), false, "datasets");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("llama-ckpt  /srv/ckpt/llama  step-1100  2", run.lines().get(1));
    }

    @Test
    void unreadableOrEmptyTokenFileIsBadConfigNamingTheFile() throws Exception
    {
        final Path missing = dir.resolve("missing.token");
        final CliHarness.Run run = CliHarness.execute(Map.of(), false, "status", "--api", harness.api(),
            "--token-file", missing.toString());
        assertEquals(2, run.exitCode());
        assertEquals("ferry: cannot read token file " + missing + " (no such file); point --token-file, " +
            "FERRY_TOKEN_FILE or [api] token_file at the ferryd API token", run.err().strip());

        final Path empty = Files.writeString(dir.resolve("empty.token"), " \n");
        final CliHarness.Run emptyRun = CliHarness.execute(Map.of(), false, "status", "--api", harness.api(),
            "--token-file", empty.toString());
        assertEquals(2, emptyRun.exitCode());
        assertEquals("ferry: token file " + empty + " is empty; it must hold the ferryd API token, the same as " +
            "the daemon's [api] token_file", emptyRun.err().strip());

        final CliHarness.Run none = CliHarness.execute(Map.of(), false, "status", "--api", harness.api());
        assertEquals(2, none.exitCode());
        assertEquals("ferry: no API token file given; pass --token-file FILE, set FERRY_TOKEN_FILE, or pass " +
            "--config with the ferryd config that has [api] token_file", none.err().strip());
    }

    @Test
    void brokenConfigIsBadConfigNamingFileAndKey() throws Exception
    {
        final Path missing = dir.resolve("nope.toml");
        final CliHarness.Run absent = CliHarness.execute(Map.of(), false, "status", "--config", missing.toString());
        assertEquals(2, absent.exitCode());
        assertEquals("ferry: config " + missing + ": cannot read it (no such file); pass the ferryd config with " +
            "--config FILE", absent.err().strip());

        final Path notToml = config("[api\nlisten = ");
        final CliHarness.Run invalid = CliHarness.execute(Map.of(), false, "status", "--config", notToml.toString());
        assertEquals(2, invalid.exitCode());
        assertEquals(true, invalid.err().startsWith("ferry: config " + notToml + ": not valid TOML: "),
            invalid.err());

        final Path badListen = config("[api]\nlisten = \"localhost\"\n");
        final CliHarness.Run listen = CliHarness.execute(Map.of(), false, "status", "--config", badListen.toString());
        assertEquals(2, listen.exitCode());
        assertEquals("ferry: config " + badListen + ": [api] listen \"localhost\" is not host:port; write it like " +
            "\"127.0.0.1:8420\"", listen.err().strip());

        final Path badType = config("[api]\ntoken_file = 7\n");
        final CliHarness.Run type = CliHarness.execute(Map.of(), false, "status", "--config", badType.toString());
        assertEquals(2, type.exitCode());
        assertEquals("ferry: config " + badType + ": [api] token_file must be a non-empty string, not 7",
            type.err().strip());
    }

    @Test
    void malformedApiAddressIsBadUsage()
    {
        final CliHarness.Run run = CliHarness.execute(Map.of(), false, "status", "--api", "127.0.0.1:8420",
            "--token-file", harness.tokenFile.toString());

        assertEquals(2, run.exitCode());
        assertEquals("ferry: --api \"127.0.0.1:8420\" is not an API address; write it like http://127.0.0.1:8420",
            run.err().strip());
    }

    @Test
    void listenAddressesBecomeLocalUrls()
    {
        final Path file = Path.of("ferry.toml");
        assertEquals("http://127.0.0.1:8420", ApiConfigFile.listenToUrl(file, "0.0.0.0:8420", false));
        assertEquals("http://10.0.0.5:9000", ApiConfigFile.listenToUrl(file, "10.0.0.5:9000", false));
        assertEquals("http://[::1]:8420", ApiConfigFile.listenToUrl(file, "[::]:8420", false));
        assertEquals("http://[fd00::5]:8420", ApiConfigFile.listenToUrl(file, "[fd00::5]:8420", false));
        assertEquals("https://127.0.0.1:8420", ApiConfigFile.listenToUrl(file, "0.0.0.0:8420", true));
        assertEquals("https://[::1]:8420", ApiConfigFile.listenToUrl(file, "[::]:8420", true));
        assertEquals(ExitCodes.USAGE, assertThrows(CliException.class,
            () -> ApiConfigFile.listenToUrl(file, "0.0.0.0:70000", false)).exitCode());
    }

    private Path config(final String text) throws Exception
    {
        return Files.writeString(Files.createTempFile(dir, "ferry", ".toml"), text);
    }
}
