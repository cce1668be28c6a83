package io.ferry.ops.api;

import io.ferry.replication.api.ReplicationService;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The ferryd HTTP API server: one Netty event loop thread, {@code ferry-api-*}, answering JSON and metrics over
 * plain HTTP or, when given a certificate and key, over TLS.
 */
public final class ApiServer implements AutoCloseable
{
    private static final long SHUTDOWN_TIMEOUT_MS = 2000;
    private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final String host;
    private final int requestedPort;
    private final BearerToken token;
    private final ReplicationService service;
    private final MetricsRenderer metrics;
    private volatile Consumer<Throwable> errorHandler = ApiServer::printError;
    private Path tlsCertFile;
    private Path tlsKeyFile;
    private EventLoopGroup group;
    private Channel serverChannel;

    /**
     * Configure a server; nothing listens until {@link #start()}.
     *
     * @param host    address to listen on, e.g. {@code 127.0.0.1}.
     * @param port    port to listen on, 0 for an ephemeral one.
     * @param token   bearer token every path but {@code /healthz} requires; must not be empty.
     * @param service the replication service to expose.
     */
    public ApiServer(final String host, final int port, final byte[] token, final ReplicationService service)
    {
        this.host = host;
        this.requestedPort = port;
        this.token = new BearerToken(token);
        this.service = service;
        this.metrics = new MetricsRenderer(service);
    }

    /**
     * Set an appender of further metric lines for {@code /metrics}, e.g. transport counters.
     *
     * @param extraMetrics appender of complete lines including {@code # HELP} and {@code # TYPE}, or null for none.
     * @return this server.
     */
    public ApiServer extraMetrics(final Consumer<StringBuilder> extraMetrics)
    {
        metrics.extraMetrics(extraMetrics);
        return this;
    }

    /**
     * Set the handler told about unexpected failures while answering; by default they are printed to stderr.
     *
     * @param errorHandler the handler; must not throw.
     * @return this server.
     */
    public ApiServer errorHandler(final Consumer<Throwable> errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    /**
     * Serve HTTPS with a certificate chain and its key, TLSv1.3 and TLSv1.2 only; without this call the API speaks
     * plain HTTP.
     *
     * @param certChainFile PEM X.509 certificate chain, the server's certificate first.
     * @param keyFile       PEM PKCS#8 private key of the server's certificate, not encrypted.
     * @return this server.
     */
    public ApiServer tls(final Path certChainFile, final Path keyFile)
    {
        this.tlsCertFile = certChainFile;
        this.tlsKeyFile = keyFile;
        return this;
    }

    /**
     * Bind the listening socket and start answering.
     *
     * @return this server.
     * @throws IOException if the TLS certificate or key cannot be loaded, or the address cannot be bound, e.g.
     *                     because the port is in use.
     */
    public ApiServer start() throws IOException
    {
        if (group != null)
        {
            throw new IllegalStateException("API server on " + host + ":" + requestedPort + " is already started");
        }
        final SslContext sslContext = null == tlsCertFile ? null : sslContext(tlsCertFile, tlsKeyFile);
        final ApiRouter router = new ApiRouter(service, metrics, System::currentTimeMillis);
        final ApiHandler handler = new ApiHandler(token, router, cause -> errorHandler.accept(cause));
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ferry-api"), NioIoHandler.newFactory());

        final ChannelFuture bound = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ApiChannelInitializer(sslContext, handler))
            .bind(host, requestedPort)
            .awaitUninterruptibly();
        if (!bound.isSuccess())
        {
            shutdownGroup();
            final Throwable cause = bound.cause();
            throw new IOException("cannot listen for the HTTP API on " + host + ":" + requestedPort + ": " +
                cause.getMessage() + "; change [api] listen or stop what holds the port", cause);
        }
        serverChannel = bound.channel();
        return this;
    }

    /**
     * The port the server listens on, useful after starting with port 0.
     *
     * @return the bound port.
     */
    public int port()
    {
        if (serverChannel == null)
        {
            throw new IllegalStateException("API server on " + host + " is not started; call start() first");
        }
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * Stop listening, close open connections and stop the event loop.
     */
    @Override
    public void close()
    {
        if (serverChannel != null)
        {
            serverChannel.close().awaitUninterruptibly();
            serverChannel = null;
        }
        shutdownGroup();
    }

    private static SslContext sslContext(final Path certChainFile, final Path keyFile) throws IOException
    {
        try
        {
            return SslContextBuilder.forServer(certChainFile.toFile(), keyFile.toFile())
                .sslProvider(SslProvider.JDK)
                .protocols(TLS_PROTOCOLS)
                .build();
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new IOException("cannot load the HTTP API's TLS certificate " + certChainFile + " and key " +
                keyFile + ": " + ex.getMessage() + "; check [api] tls_cert and tls_key (a PEM certificate chain " +
                "and a PEM PKCS#8 key that belong together)", ex);
        }
    }

    private void shutdownGroup()
    {
        if (group != null)
        {
            group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
            group = null;
        }
    }

    private static void printError(final Throwable cause)
    {
        final PrintStream err = System.err;
        err.println("ferryd: HTTP API: unexpected failure while answering a request");
        cause.printStackTrace(err);
    }
}
