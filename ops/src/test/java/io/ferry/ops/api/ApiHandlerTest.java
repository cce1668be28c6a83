package io.ferry.ops.api;

import io.ferry.replication.api.RequestException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiHandlerTest
{
    private static final String VALID_BODY =
        "{\"source\":\"/srv/ckpt/llama/step-1200\",\"dataset\":\"llama-ckpt\",\"targets\":[\"west\"]}";

    private final FakeReplicationService service = new FakeReplicationService();
    private final ApiTestChannel api = new ApiTestChannel(service);

    @AfterEach
    void close()
    {
        api.close();
    }

    @Test
    void healthzAnswersWithoutToken()
    {
        final ApiTestChannel.Reply reply = api.send(HttpMethod.GET, "/healthz", null, null);

        assertEquals(200, reply.status());
        assertEquals("{\"status\":\"ok\"}", reply.body());
        assertEquals(ApiResponse.JSON_CONTENT_TYPE, reply.headers().get(HttpHeaderNames.CONTENT_TYPE));
    }

    @Test
    void missingTokenIsUnauthorized()
    {
        final ApiTestChannel.Reply reply = api.send(HttpMethod.GET, "/v1/status", null, null);

        assertEquals(401, reply.status());
        assertEquals("UNAUTHORIZED", reply.json().get("error").asText());
        assertTrue(reply.json().get("message").asText().contains("GET /v1/status"), reply.body());
        assertEquals("Bearer realm=\"ferry\"", reply.headers().get(HttpHeaderNames.WWW_AUTHENTICATE));
    }

    @Test
    void wrongTokenOrSchemeIsUnauthorized()
    {
        assertEquals(401, api.send(HttpMethod.GET, "/v1/peers", "Bearer not-the-token", null).status());
        assertEquals(401, api.send(HttpMethod.GET, "/v1/peers", "Bearer " + ApiTestChannel.TOKEN + "x", null)
            .status());
        assertEquals(401, api.send(HttpMethod.GET, "/v1/peers", "Basic " + ApiTestChannel.TOKEN, null).status());
        assertEquals(401, api.send(HttpMethod.GET, "/v1/peers", ApiTestChannel.TOKEN, null).status());
        assertEquals(401, api.send(HttpMethod.GET, "/v1/peers", "Bearer ", null).status());
    }

    @Test
    void rightTokenIsAcceptedWhateverTheSchemeCase()
    {
        assertEquals(200, api.send(HttpMethod.GET, "/v1/peers", "Bearer " + ApiTestChannel.TOKEN, null).status());
        assertEquals(200, api.send(HttpMethod.GET, "/v1/peers", "bearer " + ApiTestChannel.TOKEN, null).status());
    }

    @Test
    void metricsAndUnknownPathsNeedTheTokenToo()
    {
        assertEquals(401, api.send(HttpMethod.GET, "/metrics", null, null).status());
        assertEquals(401, api.send(HttpMethod.GET, "/v1/nothing", null, null).status());
    }

    @Test
    void unknownPathIsNotFoundAsJson()
    {
        final ApiTestChannel.Reply reply = api.get("/v1/nothing");

        assertEquals(404, reply.status());
        assertEquals("NOT_FOUND", reply.json().get("error").asText());
        assertTrue(reply.json().get("message").asText().startsWith("no API resource at /v1/nothing"), reply.body());
        assertEquals(404, api.get("/v1/transfers/t-active/extra").status());
        assertEquals(404, api.get("/v1/transfers/").status());
    }

    @Test
    void unknownTransferIsNotFound()
    {
        final ApiTestChannel.Reply reply = api.get("/v1/transfers/t-missing");

        assertEquals(404, reply.status());
        assertEquals("NOT_FOUND", reply.json().get("error").asText());
        assertTrue(reply.json().get("message").asText().contains("t-missing"), reply.body());
    }

    @ParameterizedTest
    @CsvSource({
        "PUT, /v1/status, GET",
        "POST, /healthz, GET",
        "POST, /metrics, GET",
        "DELETE, /v1/transfers, 'GET, POST'",
        "POST, /v1/transfers/t-active, 'GET, DELETE'" })
    void wrongMethodIsNotAllowedWithAllowHeader(final String method, final String path, final String allow)
    {
        final ApiTestChannel.Reply reply = api.send(HttpMethod.valueOf(method), path, "Bearer " + ApiTestChannel.TOKEN,
            null);

        assertEquals(405, reply.status());
        assertEquals(allow, reply.headers().get(HttpHeaderNames.ALLOW));
        assertEquals("METHOD_NOT_ALLOWED", reply.json().get("error").asText());
        assertEquals(method + " is not supported on " + path + "; use " + allow,
            reply.json().get("message").asText());
    }

    @ParameterizedTest
    @CsvSource({
        "BAD_REQUEST, 400",
        "NOT_FOUND, 404",
        "UNKNOWN_DATASET, 422",
        "UNKNOWN_PEER, 422",
        "SOURCE_NOT_FOUND, 422",
        "CONFLICT, 409",
        "UNAVAILABLE, 503" })
    void requestExceptionCodesMapToStatuses(final RequestException.Code code, final int status)
    {
        service.failSubmitWith(new RequestException(code, "refused because " + code));

        final ApiTestChannel.Reply reply = api.send(HttpMethod.POST, "/v1/transfers",
            "Bearer " + ApiTestChannel.TOKEN, VALID_BODY);

        assertEquals(status, reply.status());
        assertEquals(code.name(), reply.json().get("error").asText());
        assertEquals("refused because " + code, reply.json().get("message").asText());
    }

    @Test
    void unexpectedFailureIsInternalErrorAndTheConnectionServesOn()
    {
        service.failStatusWith(new IllegalStateException("status table corrupt"));

        final ApiTestChannel.Reply failed = api.get("/v1/status");

        assertEquals(500, failed.status());
        assertEquals("INTERNAL", failed.json().get("error").asText());
        assertTrue(failed.json().get("message").asText()
            .startsWith("unexpected IllegalStateException answering GET /v1/status: status table corrupt"));
        assertEquals(1, api.errors.size());
        assertTrue(api.channel.isOpen());

        service.failStatusWith(null);
        assertEquals(200, api.get("/v1/status").status());
    }

    @Test
    void cancelAnswersTheCancelledTransferAndConflictsWhenFinished()
    {
        final ApiTestChannel.Reply cancelled = api.send(HttpMethod.DELETE, "/v1/transfers/t-active",
            "Bearer " + ApiTestChannel.TOKEN, null);
        assertEquals(200, cancelled.status());
        assertEquals("t-active", cancelled.json().get("id").asText());
        assertEquals("CANCELLED", cancelled.json().get("state").asText());
        assertEquals("CANCELLED", cancelled.json().get("targets").get(0).get("state").asText());

        final ApiTestChannel.Reply again = api.send(HttpMethod.DELETE, "/v1/transfers/t-done",
            "Bearer " + ApiTestChannel.TOKEN, null);
        assertEquals(409, again.status());
        assertEquals("CONFLICT", again.json().get("error").asText());

        assertEquals(404, api.send(HttpMethod.DELETE, "/v1/transfers/t-missing", "Bearer " + ApiTestChannel.TOKEN,
            null).status());
    }

    @Test
    void keepAliveLeavesTheConnectionOpen()
    {
        final ApiTestChannel.Reply reply = api.get("/v1/status");

        assertEquals(200, reply.status());
        assertNull(reply.headers().get(HttpHeaderNames.CONNECTION));
        assertTrue(api.channel.isOpen());
        assertEquals(200, api.get("/v1/peers").status());
    }

    @Test
    void connectionCloseClosesAfterTheResponse()
    {
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/healthz");
        request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);

        final ApiTestChannel.Reply reply = api.exchange(request);

        assertEquals(200, reply.status());
        assertEquals("close", reply.headers().get(HttpHeaderNames.CONNECTION));
        assertFalse(api.channel.isOpen());
    }

    @Test
    void http10KeepsAliveOnlyWhenAsked()
    {
        final FullHttpRequest keepAlive = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/healthz");
        keepAlive.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        final ApiTestChannel.Reply kept = api.exchange(keepAlive);
        assertEquals("keep-alive", kept.headers().get(HttpHeaderNames.CONNECTION));
        assertTrue(api.channel.isOpen());

        final ApiTestChannel.Reply closed = api.exchange(
            new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/healthz"));
        assertEquals(200, closed.status());
        assertFalse(api.channel.isOpen());
    }
}
