package io.ferry.ops.api;

import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.NotSslRecordException;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * Authenticates each aggregated request, lets the router answer it and writes the response, honouring keep-alive.
 */
@ChannelHandler.Sharable
public final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private final BearerToken token;
    private final ApiRouter router;
    private final Consumer<Throwable> errorHandler;

    /**
     * Serve requests with a token and a router.
     *
     * @param token        the bearer token every path but {@code /healthz} requires.
     * @param router       the router that answers authenticated requests.
     * @param errorHandler told about unexpected failures, which are answered with a 500.
     */
    public ApiHandler(final BearerToken token, final ApiRouter router, final Consumer<Throwable> errorHandler)
    {
        this.token = token;
        this.router = router;
        this.errorHandler = errorHandler;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        if (request.decoderResult().isFailure())
        {
            final String cause = String.valueOf(request.decoderResult().cause().getMessage());
            write(ctx, request, ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST",
                "malformed HTTP request: " + cause + "; send an HTTP/1.1 request"), false);
            return;
        }

        final String method = request.method().name();
        final String path = new QueryStringDecoder(request.uri()).path();
        ApiResponse response;
        try
        {
            final boolean authorized = ApiRouter.HEALTH_PATH.equals(path) ||
                token.matches(request.headers().get(HttpHeaderNames.AUTHORIZATION));
            response = authorized ?
                router.route(request.method(), request.uri(), new ByteBufInputStream(request.content())) :
                ApiResponse.unauthorized(method, path);
        }
        catch (final RuntimeException ex)
        {
            errorHandler.accept(ex);
            response = ApiResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "INTERNAL",
                "unexpected " + ex.getClass().getSimpleName() + " answering " + method + " " + path + ": " +
                ex.getMessage() + "; the request may be retried, and the ferryd log has the details");
        }
        write(ctx, request, response, HttpUtil.isKeepAlive(request));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (!isClientFailure(cause))
        {
            errorHandler.accept(cause);
        }
        ctx.close();
    }

    /**
     * A broken connection, plain HTTP on a TLS port or a client that refuses the certificate is the client's
     * problem, not ferryd's, and is not worth a stack trace.
     */
    private static boolean isClientFailure(final Throwable cause)
    {
        return cause instanceof IOException || cause instanceof NotSslRecordException ||
            (cause instanceof DecoderException && cause.getCause() instanceof SSLException);
    }

    private static void write(
        final ChannelHandlerContext ctx,
        final FullHttpRequest request,
        final ApiResponse response,
        final boolean keepAlive)
    {
        final FullHttpResponse http = new DefaultFullHttpResponse(
            request.protocolVersion(), response.status(), Unpooled.wrappedBuffer(response.body()));
        final HttpHeaders headers = http.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        for (final Map.Entry<String, String> header : response.headers().entrySet())
        {
            headers.set(header.getKey(), header.getValue());
        }
        HttpUtil.setContentLength(http, response.body().length);
        HttpUtil.setKeepAlive(http, keepAlive);

        final ChannelFuture written = ctx.writeAndFlush(http);
        if (!keepAlive)
        {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
