package io.ferry.ops.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ops.api.ApiJson;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * A client of the ferryd HTTP API that turns every failure into a {@link CliException} with the right exit code.
 */
public final class ApiClient
{
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_SHOWN_BODY_LENGTH = 200;
    private static final String NO_BYTES_ANSWERED = "HTTP/1.1 header parser received no bytes";

    private final URI base;
    private final String token;
    private final HttpClient http;

    /**
     * A client of one daemon that, over {@code https://}, trusts the JDK's default trust store.
     *
     * @param base  API base URL without a trailing slash, e.g. {@code http://127.0.0.1:8420}.
     * @param token the bearer token.
     */
    public ApiClient(final URI base, final String token)
    {
        this(base, token, null);
    }

    /**
     * A client of one daemon that, over {@code https://}, trusts what {@code sslContext} trusts; host names are
     * verified either way.
     *
     * @param base       API base URL without a trailing slash, e.g. {@code https://127.0.0.1:8420}.
     * @param token      the bearer token.
     * @param sslContext the TLS context, or null for the JDK's default trust store.
     */
    public ApiClient(final URI base, final String token, final SSLContext sslContext)
    {
        this.base = base;
        this.token = token;
        final HttpClient.Builder builder = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1);
        if (null != sslContext)
        {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
    }

    /**
     * The base URL this client talks to.
     *
     * @return the URL.
     */
    public URI base()
    {
        return base;
    }

    /**
     * The API path of one transfer, its id escaped.
     *
     * @param id transfer id.
     * @return e.g. {@code /v1/transfers/t-5f3a9c0e12ab4d77}.
     */
    public static String transferPath(final String id)
    {
        return "/v1/transfers/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * {@code GET} a resource.
     *
     * @param path path with query, e.g. {@code /v1/transfers?all=true}.
     * @return the JSON reply.
     */
    public JsonNode get(final String path)
    {
        return send(request(path).GET().build());
    }

    /**
     * {@code POST} a JSON document.
     *
     * @param path path of the collection.
     * @param body the document.
     * @return the JSON reply.
     */
    public JsonNode post(final String path, final ObjectNode body)
    {
        final String json = body.toString();
        return send(request(path)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build());
    }

    /**
     * {@code DELETE} a resource.
     *
     * @param path path of the resource.
     * @return the JSON reply.
     */
    public JsonNode delete(final String path)
    {
        return send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(final String path)
    {
        return HttpRequest.newBuilder(URI.create(base + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + token);
    }

    private JsonNode send(final HttpRequest request)
    {
        final String what = request.method() + " " + request.uri().getRawPath();
        final HttpResponse<String> response;
        try
        {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (final HttpConnectTimeoutException ex)
        {
            throw unreachable("connect timed out after " + CONNECT_TIMEOUT.toSeconds() + " s");
        }
        catch (final HttpTimeoutException ex)
        {
            throw new CliException(ExitCodes.UNREACHABLE, "ferryd at " + base + " did not answer " + what +
                " within " + REQUEST_TIMEOUT.toSeconds() + " s; check that it is healthy (GET /healthz)");
        }
        catch (final IOException ex)
        {
            throw failure(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "interrupted while waiting for ferryd to answer " + what);
        }
        return reply(what, response);
    }

    private JsonNode reply(final String what, final HttpResponse<String> response)
    {
        final int status = response.statusCode();
        final JsonNode json = parse(response.body());
        if (status >= 200 && status < 300)
        {
            if (json == null)
            {
                throw new CliException(ExitCodes.FAILED, base + " answered " + what + " with a body that is not " +
                    "JSON: " + shorten(response.body()) + "; check that --api points at ferryd");
            }
            return json;
        }
        if (json != null && json.path("error").isTextual())
        {
            throw new CliException(ExitCodes.FAILED,
                json.path("error").textValue() + ": " + json.path("message").asText(""));
        }
        throw new CliException(ExitCodes.FAILED, "HTTP " + status + " from " + base + " for " + what + ": " +
            shorten(response.body()) + "; check that --api points at ferryd");
    }

    private CliException failure(final IOException ex)
    {
        for (Throwable cause = ex; cause != null; cause = cause.getCause())
        {
            if (cause instanceof SSLException)
            {
                return new CliException(ExitCodes.FAILED, "TLS with ferryd at " + base + " failed (" +
                    rootMessage(cause) + "); if ferryd's certificate is self-signed or from a private CA, pass " +
                    "it with --ca-file FILE or " + ApiOptions.CA_FILE_VARIABLE + ", or pass --config with the " +
                    "ferryd config that has [api] tls_cert");
            }
        }
        // What the JDK 17 client reports when the server closes the connection before sending a byte, which is what
        // ferryd's TLS port does to a request in plain HTTP.
        if ("http".equals(base.getScheme()) && NO_BYTES_ANSWERED.equals(ex.getMessage()))
        {
            return new CliException(ExitCodes.FAILED, "ferryd at " + base + " closed the connection without " +
                "answering; if it serves HTTPS ([api] tls_cert is set), use https://" + base.getRawAuthority() +
                " with --ca-file FILE");
        }
        return unreachable(reason(ex));
    }

    private CliException unreachable(final String reason)
    {
        return new CliException(ExitCodes.UNREACHABLE, "cannot reach ferryd at " + base + " (" + reason +
            "); is it running? Set --api or " + ApiOptions.API_VARIABLE + ".");
    }

    private String reason(final IOException ex)
    {
        boolean connectFailed = false;
        for (Throwable cause = ex; cause != null; cause = cause.getCause())
        {
            if (cause instanceof UnresolvedAddressException)
            {
                return "unknown host " + base.getHost();
            }
            if (cause instanceof ConnectException)
            {
                if (cause.getMessage() != null)
                {
                    return cause.getMessage();
                }
                connectFailed = true;
            }
        }
        // The JDK 17 HttpClient drops the reason of a refused connect: ConnectException, ClosedChannelException.
        if (connectFailed)
        {
            return "Connection refused";
        }
        return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
    }

    private static String rootMessage(final Throwable failure)
    {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause().getMessage() != null)
        {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static JsonNode parse(final String body)
    {
        try
        {
            return body.isBlank() ? null : ApiJson.mapper().readTree(body);
        }
        catch (final JsonProcessingException ex)
        {
            return null;
        }
    }

    private static String shorten(final String body)
    {
        final String line = body.strip().replace('\n', ' ');
        return line.length() <= MAX_SHOWN_BODY_LENGTH ? line : line.substring(0, MAX_SHOWN_BODY_LENGTH) + "...";
    }
}
