package io.ferry.ops.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * An {@link HttpObjectAggregator} that refuses an oversized request with a JSON 413 instead of an empty one.
 */
public final class JsonObjectAggregator extends HttpObjectAggregator
{
    /**
     * Aggregate requests up to a size.
     *
     * @param maxContentLength largest request body accepted, in bytes.
     */
    public JsonObjectAggregator(final int maxContentLength)
    {
        super(maxContentLength);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    protected void handleOversizedMessage(final ChannelHandlerContext ctx, final HttpMessage oversized)
        throws Exception
    {
        if (!(oversized instanceof HttpRequest request))
        {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }

        // Once part of the body was read the stream cannot be resynchronised; without keep-alive or 100-continue
        // there is nothing to keep the connection for. Otherwise the aggregator skips the body that follows.
        final boolean close = oversized instanceof FullHttpMessage ||
            !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
        final byte[] body = ApiJson.error("PAYLOAD_TOO_LARGE", request.method().name() + " " + request.uri() +
            " carries a body over " + maxContentLength() + " bytes; the API accepts at most that");
        final FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, ApiResponse.JSON_CONTENT_TYPE);
        HttpUtil.setContentLength(response, body.length);
        HttpUtil.setKeepAlive(response, !close);

        ctx.writeAndFlush(response).addListener(close ? ChannelFutureListener.CLOSE :
            ChannelFutureListener.CLOSE_ON_FAILURE);
    }
}
