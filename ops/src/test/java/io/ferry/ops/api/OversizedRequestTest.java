package io.ferry.ops.api;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OversizedRequestTest
{
    private static final int LIMIT = ApiChannelInitializer.MAX_CONTENT_LENGTH;

    private final ApiTestChannel api = new ApiTestChannel(new FakeReplicationService());

    @AfterEach
    void close()
    {
        api.close();
    }

    @Test
    void declaredOversizedBodyIsRefusedAndSkippedOnAKeptAliveConnection()
    {
        final HttpRequest request = post();
        HttpUtil.setContentLength(request, LIMIT + 1);

        final ApiTestChannel.Reply reply = api.exchange(request);

        assertEquals(413, reply.status());
        assertEquals(ApiResponse.JSON_CONTENT_TYPE, reply.headers().get(HttpHeaderNames.CONTENT_TYPE));
        assertEquals("PAYLOAD_TOO_LARGE", reply.json().get("error").asText());
        assertEquals("POST /v1/transfers carries a body over 1048576 bytes; the API accepts at most that",
            reply.json().get("message").asText());
        assertNull(reply.headers().get(HttpHeaderNames.CONNECTION), "HTTP/1.1 keeps alive without saying so");

        api.channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[LIMIT])));
        api.channel.writeInbound(new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[1])));
        assertNull(api.channel.readOutbound());
        assertTrue(api.channel.isOpen());
        assertEquals(200, api.get("/healthz").status());
    }

    @Test
    void chunkedBodyGrowingPastTheLimitIsRefusedAndTheConnectionClosed()
    {
        final HttpRequest request = post();
        HttpUtil.setTransferEncodingChunked(request, true);
        api.channel.writeInbound(request);
        api.channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[LIMIT])));
        assertNull(api.channel.readOutbound());

        final ApiTestChannel.Reply reply = api.exchange(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[2])));

        assertEquals(413, reply.status());
        assertEquals("PAYLOAD_TOO_LARGE", reply.json().get("error").asText());
        assertEquals("close", reply.headers().get(HttpHeaderNames.CONNECTION));
        assertFalse(api.channel.isOpen());
    }

    private static HttpRequest post()
    {
        final HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/transfers");
        request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + ApiTestChannel.TOKEN);
        return request;
    }
}
