package io.ferry.ops.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.replication.api.ReplicationService;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The API's aggregator and handler in an {@link EmbeddedChannel}, with helpers that send a request and return the
 * response as plain values, every buffer released.
 */
final class ApiTestChannel implements AutoCloseable
{
    static final String TOKEN = "s3cret-t0ken";
    static final long NOW_MS = FakeReplicationService.STARTED_MS + 90_000;

    final EmbeddedChannel channel;
    final MetricsRenderer metrics;
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    ApiTestChannel(final ReplicationService service)
    {
        metrics = new MetricsRenderer(service);
        final ApiRouter router = new ApiRouter(service, metrics, () -> NOW_MS);
        final ApiHandler handler = new ApiHandler(
            new BearerToken(TOKEN.getBytes(StandardCharsets.UTF_8)), router, errors::add);
        channel = new EmbeddedChannel(new JsonObjectAggregator(ApiChannelInitializer.MAX_CONTENT_LENGTH), handler);
    }

    Reply get(final String uri)
    {
        return send(HttpMethod.GET, uri, "Bearer " + TOKEN, null);
    }

    Reply send(final HttpMethod method, final String uri, final String authorization, final String body)
    {
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
            body == null ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        if (authorization != null)
        {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
        }
        HttpUtil.setContentLength(request, request.content().readableBytes());
        return exchange(request);
    }

    Reply exchange(final HttpObject... parts)
    {
        for (final HttpObject part : parts)
        {
            channel.writeInbound(part);
        }
        return readReply();
    }

    Reply readReply()
    {
        final FullHttpResponse response = channel.readOutbound();
        if (response == null)
        {
            throw new AssertionError("no response written");
        }
        try
        {
            return new Reply(response.status().code(), response.headers().copy(),
                response.content().toString(StandardCharsets.UTF_8));
        }
        finally
        {
            response.release();
        }
    }

    public void close()
    {
        channel.finishAndReleaseAll();
    }

    /**
     * A response as values.
     *
     * @param status  status code.
     * @param headers response headers.
     * @param body    body text.
     */
    record Reply(int status, HttpHeaders headers, String body)
    {
        JsonNode json()
        {
            try
            {
                return ApiJson.mapper().readTree(body);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("not JSON: " + body, ex);
            }
        }
    }
}
