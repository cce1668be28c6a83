package io.ferry.ops.api;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * Builds the pipeline of one API connection: HTTP codec, aggregator with a JSON 413, then the API handler.
 */
public final class ApiChannelInitializer extends ChannelInitializer<Channel>
{
    /**
     * Largest request body the API accepts.
     */
    public static final int MAX_CONTENT_LENGTH = 1024 * 1024;

    private final ApiHandler handler;

    /**
     * Initialise connections with a shared handler.
     *
     * @param handler the sharable API handler.
     */
    public ApiChannelInitializer(final ApiHandler handler)
    {
        this.handler = handler;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    protected void initChannel(final Channel channel)
    {
        channel.pipeline()
            .addLast("http-codec", new HttpServerCodec())
            .addLast("http-aggregator", new JsonObjectAggregator(MAX_CONTENT_LENGTH))
            .addLast("api", handler);
    }
}
