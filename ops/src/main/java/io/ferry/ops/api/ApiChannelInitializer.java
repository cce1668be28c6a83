package io.ferry.ops.api;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;

/**
 * Builds the pipeline of one API connection: TLS when configured, HTTP codec, aggregator with a JSON 413, then the
 * API handler.
 */
public final class ApiChannelInitializer extends ChannelInitializer<Channel>
{
    /**
     * Largest request body the API accepts.
     */
    public static final int MAX_CONTENT_LENGTH = 1024 * 1024;

    private final SslContext sslContext;
    private final ApiHandler handler;

    /**
     * Initialise connections with a shared handler, behind TLS when a context is given.
     *
     * @param sslContext the server TLS context, or null for plain HTTP.
     * @param handler    the sharable API handler.
     */
    public ApiChannelInitializer(final SslContext sslContext, final ApiHandler handler)
    {
        this.sslContext = sslContext;
        this.handler = handler;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    protected void initChannel(final Channel channel)
    {
        if (null != sslContext)
        {
            channel.pipeline().addLast("tls", sslContext.newHandler(channel.alloc()));
        }
        channel.pipeline()
            .addLast("http-codec", new HttpServerCodec())
            .addLast("http-aggregator", new JsonObjectAggregator(MAX_CONTENT_LENGTH))
            .addLast("api", handler);
    }
}
