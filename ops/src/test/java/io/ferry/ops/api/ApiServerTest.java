package io.ferry.ops.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiServerTest
{
    private static final byte[] TOKEN = "server-test-token".getBytes(StandardCharsets.UTF_8);

    private final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(3))
        .build();
    private final AtomicReference<String> scrapeThread = new AtomicReference<>();
    private final ApiServer server = new ApiServer("127.0.0.1", 0, TOKEN, new FakeReplicationService())
        .extraMetrics(out -> scrapeThread.set(Thread.currentThread().getName()));

    @AfterEach
    void close()
    {
        server.close();
    }

    @Test
    void servesOnAnEphemeralPortFromAFerryApiThread() throws Exception
    {
        server.start();
        assertTrue(server.port() > 0);

        final HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/healthz")).GET().build());
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"ok\"}", health.body());

        final HttpResponse<String> metrics = send(authorized("/metrics").GET().build());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("ferry_up 1\n"));
        assertTrue(scrapeThread.get().startsWith("ferry-api-"), scrapeThread.get());

        final HttpResponse<String> status = send(authorized("/v1/status").GET().build());
        assertEquals(200, status.statusCode());
        assertEquals("east", json(status).get("hub").asText());
    }

    @Test
    void refusesAnOversizedBodyWithJson413() throws Exception
    {
        server.start();
        final byte[] body = new byte[ApiChannelInitializer.MAX_CONTENT_LENGTH + 1];

        final HttpResponse<String> response = send(authorized("/v1/transfers")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertEquals(413, response.statusCode());
        assertEquals(ApiResponse.JSON_CONTENT_TYPE, response.headers().firstValue("content-type").orElseThrow());
        assertEquals("PAYLOAD_TOO_LARGE", json(response).get("error").asText());
        assertEquals("POST /v1/transfers carries a body over 1048576 bytes; the API accepts at most that",
            json(response).get("message").asText());
        assertEquals(200, send(HttpRequest.newBuilder(uri("/healthz")).GET().build()).statusCode());
    }

    @Test
    void stopsListeningWhenClosed() throws Exception
    {
        server.start();
        final URI health = uri("/healthz");
        server.close();

        final IOException refused = assertThrows(IOException.class,
            () -> client.send(HttpRequest.newBuilder(health).GET().build(), HttpResponse.BodyHandlers.ofString()));
        assertTrue(refused instanceof ConnectException, refused.toString());
    }

    @Test
    void reportsAPortInUseNamingTheAddress() throws Exception
    {
        server.start();
        try (ApiServer second = new ApiServer("127.0.0.1", server.port(), TOKEN, new FakeReplicationService()))
        {
            final IOException failure = assertThrows(IOException.class, second::start);
            assertTrue(failure.getMessage().startsWith(
                "cannot listen for the HTTP API on 127.0.0.1:" + server.port() + ": "), failure.getMessage());
        }
    }

    @Test
    void refusesAnEmptyToken()
    {
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> new ApiServer("127.0.0.1", 0, new byte[0], new FakeReplicationService()));
        assertEquals("API token is empty; write a random token to the [api] token_file", failure.getMessage());
    }

    private URI uri(final String path)
    {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpRequest.Builder authorized(final String path)
    {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer server-test-token");
    }

    private HttpResponse<String> send(final HttpRequest request) throws IOException, InterruptedException
    {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(final HttpResponse<String> response) throws IOException
    {
        return ApiJson.mapper().readTree(response.body());
    }
}
