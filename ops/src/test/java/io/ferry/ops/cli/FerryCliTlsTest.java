package io.ferry.ops.cli;

import io.ferry.ops.api.TestCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FerryCliTlsTest
{
    @TempDir
    Path dir;

    private TestCertificate certificate;
    private CliHarness harness;

    @BeforeEach
    void start() throws Exception
    {
        certificate = TestCertificate.create(dir);
        harness = new CliHarness(dir, certificate);
    }

    @AfterEach
    void stop()
    {
        if (null != harness)
        {
            harness.close();
        }
    }

    @Test
    void statusOverHttpsTrustingTheCaFile()
    {
        final CliHarness.Run run = harness.run("status", "--ca-file", certificate.certFile().toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("hub        east", run.lines().get(0));
    }

    @Test
    void caFileComesFromTheEnvironment()
    {
        final CliHarness.Run run = CliHarness.execute(Map.of("FERRY_API", harness.api(),
            "FERRY_TOKEN_FILE", harness.tokenFile.toString(), "FERRY_CA_FILE", certificate.certFile().toString()),
            false, "status");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("hub        east", run.lines().get(0));
    }

    @Test
    void untrustedCertificateFailsSuggestingCaFile()
    {
        final CliHarness.Run run = harness.run("status");

        assertEquals(ExitCodes.FAILED, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("ferry: TLS with ferryd at " + harness.api() + " failed ("), run.err());
        assertTrue(run.err().strip().endsWith("); if ferryd's certificate is self-signed or from a private CA, " +
            "pass it with --ca-file FILE or FERRY_CA_FILE, or pass --config with the ferryd config that has " +
            "[api] tls_cert"), run.err());
    }

    @Test
    void configWithTlsCertGivesHttpsAndTheTrustAnchor() throws Exception
    {
        final Path config = Files.writeString(dir.resolve("ferry.toml"), "[api]\nlisten = \"0.0.0.0:" +
            harness.server.port() + "\"\ntoken_file = \"api.token\"\ntls_cert = \"cert.pem\"\ntls_key = \"key.pem\"\n");

        final CliHarness.Run run = CliHarness.execute(Map.of(), false, "status", "--config", config.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("hub        east", run.lines().get(0));
    }

    @Test
    void plainHttpToTheTlsPortFailsSuggestingHttps()
    {
        final String plain = "http://127.0.0.1:" + harness.server.port();
        final CliHarness.Run run = CliHarness.execute(Map.of(), false, "status", "--api", plain,
            "--token-file", harness.tokenFile.toString());

        assertEquals(ExitCodes.FAILED, run.exitCode(), run.err());
        assertEquals("ferry: ferryd at " + plain + " closed the connection without answering; if it serves HTTPS " +
            "([api] tls_cert is set), use " + harness.api() + " with --ca-file FILE", run.err().strip());
    }

    @Test
    void unreadableCaFileIsBadUsage()
    {
        final Path missing = dir.resolve("missing.pem");
        final CliHarness.Run run = harness.run("status", "--ca-file", missing.toString());

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertEquals("ferry: cannot read CA file " + missing + " (no such file); point --ca-file at the PEM " +
            "certificate ferryd presents ([api] tls_cert) or at the CA that signed it", run.err().strip());

        final CliHarness.Run key = harness.run("status", "--ca-file", certificate.keyFile().toString());
        assertEquals(ExitCodes.USAGE, key.exitCode(), key.err());
        assertTrue(key.err().startsWith("ferry: CA file " + certificate.keyFile() + " is not a PEM certificate ("),
            key.err());
    }
}
