package io.ferry.ops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS context that trusts the certificates of one PEM file instead of the JDK's trust store.
 */
final class PemTrust
{
    private PemTrust()
    {
    }

    /**
     * Build a client TLS context trusting exactly the certificates in a PEM file; host names are still verified.
     *
     * @param file   PEM file with one or more certificates: ferryd's own self-signed certificate or a CA.
     * @param source what named the file, for messages, e.g. {@code --ca-file}.
     * @return the context.
     * @throws CliException with {@link ExitCodes#USAGE} if the file cannot be read or holds no certificate.
     */
    static SSLContext sslContext(final Path file, final String source)
    {
        final String fix = "; point " + source + " at the PEM certificate ferryd presents ([api] tls_cert) or at " +
            "the CA that signed it";
        final Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file))
        {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        catch (final IOException ex)
        {
            throw new CliException(ExitCodes.USAGE, "cannot read CA file " + file + " (" +
                ApiConfigFile.describe(ex) + ")" + fix);
        }
        catch (final CertificateException ex)
        {
            throw new CliException(ExitCodes.USAGE, "CA file " + file + " is not a PEM certificate (" +
                ex.getMessage() + ")" + fix);
        }
        if (certificates.isEmpty())
        {
            throw new CliException(ExitCodes.USAGE, "CA file " + file + " holds no certificate" + fix);
        }

        try
        {
            final KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (final Certificate certificate : certificates)
            {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            final TrustManagerFactory trustManagers =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        }
        catch (final GeneralSecurityException | IOException ex)
        {
            // Only a JDK without its standard key store and TLS providers gets here.
            throw new IllegalStateException("cannot build a TLS context trusting " + file + ": " + ex, ex);
        }
    }
}
