package io.ferry.ops.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLHandshakeException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiServerTlsTest
{
    private static final byte[] TOKEN = "tls-test-token".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final ApiServer server = new ApiServer("127.0.0.1", 0, TOKEN, new FakeReplicationService())
        .errorHandler(errors::add);
    private TestCertificate certificate;

    @BeforeEach
    void before() throws Exception
    {
        certificate = TestCertificate.create(dir);
    }

    @AfterEach
    void after()
    {
        server.close();
    }

    @Test
    void answersHealthAndStatusToAClientThatTrustsTheCertificate() throws Exception
    {
        server.tls(certificate.certFile(), certificate.keyFile()).start();
        final HttpClient client = client().sslContext(certificate.trustingContext()).build();

        final HttpResponse<String> health = send(client, HttpRequest.newBuilder(uri("https", "/healthz")));
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"ok\"}", health.body());

        final HttpResponse<String> status = send(client, HttpRequest.newBuilder(uri("https", "/v1/status"))
            .header("Authorization", "Bearer tls-test-token"));
        assertEquals(200, status.statusCode());
        assertEquals("east", json(status).get("hub").asText());
    }

    @Test
    void failsTheHandshakeWithAClientThatDoesNotTrustTheCertificate() throws Exception
    {
        server.tls(certificate.certFile(), certificate.keyFile()).start();

        assertThrows(SSLHandshakeException.class,
            () -> send(client().build(), HttpRequest.newBuilder(uri("https", "/healthz"))));
        server.close();
        assertEquals(List.of(), errors);
    }

    @Test
    void givesPlainHttpNoResponse() throws Exception
    {
        server.tls(certificate.certFile(), certificate.keyFile()).start();

        assertThrows(IOException.class, () -> send(client().build(), HttpRequest.newBuilder(uri("http", "/healthz"))));
        server.close();
        assertEquals(List.of(), errors);
    }

    @Test
    void refusesToStartWithAKeyThatIsNotPem() throws Exception
    {
        final Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "not a key\n");
        server.tls(certificate.certFile(), notAKey);

        final IOException failure = assertThrows(IOException.class, server::start);
        assertTrue(failure.getMessage().startsWith("cannot load the HTTP API's TLS certificate " +
            certificate.certFile() + " and key " + notAKey + ": "), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("; check [api] tls_cert and tls_key (a PEM certificate chain " +
            "and a PEM PKCS#8 key that belong together)"), failure.getMessage());
    }

    private static HttpClient.Builder client()
    {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3));
    }

    private URI uri(final String scheme, final String path)
    {
        return URI.create(scheme + "://127.0.0.1:" + server.port() + path);
    }

    private static HttpResponse<String> send(final HttpClient client, final HttpRequest.Builder request)
        throws IOException, InterruptedException
    {
        return client.send(request.timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(final HttpResponse<String> response) throws IOException
    {
        return ApiJson.mapper().readTree(response.body());
    }
}
