package io.ferry.ops.api;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A throwaway self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made with the openssl command.
 *
 * @param certFile PEM certificate.
 * @param keyFile  PEM PKCS#8 private key, mode 0600.
 */
public record TestCertificate(Path certFile, Path keyFile)
{
    /**
     * Make a certificate and key in {@code dir}, skipping the test when openssl is not installed.
     *
     * @param dir where to write {@code cert.pem} and {@code key.pem}.
     * @return the certificate.
     * @throws Exception if openssl fails.
     */
    public static TestCertificate create(final Path dir) throws Exception
    {
        Assumptions.assumeTrue(opensslInstalled(dir), "TLS test skipped: the openssl command is not on the PATH; " +
            "install openssl (CI does) to run it");
        final Path cert = dir.resolve("cert.pem");
        final Path key = dir.resolve("key.pem");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        if (!Files.readString(key).contains("-----BEGIN PRIVATE KEY-----"))
        {
            final Path pkcs8 = dir.resolve("key.pk8");
            openssl(dir, "pkcs8", "-topk8", "-nocrypt", "-in", key.toString(), "-out", pkcs8.toString());
            Files.move(pkcs8, key, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

        return new TestCertificate(cert, key);
    }

    /**
     * A client TLS context that trusts this certificate only.
     *
     * @return the context.
     * @throws IOException              if the certificate cannot be read.
     * @throws GeneralSecurityException if it cannot be parsed.
     */
    public SSLContext trustingContext() throws IOException, GeneralSecurityException
    {
        final KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certFile))
        {
            trusted.setCertificateEntry("ferryd", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        final TrustManagerFactory trustManagers =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);

        return context;
    }

    private static boolean opensslInstalled(final Path dir) throws InterruptedException
    {
        try
        {
            final Process process = new ProcessBuilder("openssl", "version").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return 0 == process.waitFor();
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static void openssl(final Path dir, final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), () -> String.join(" ", command) + " failed: " + output);
    }
}
