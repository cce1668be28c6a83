package io.ferry.ops.api;

import io.ferry.replication.api.ReplicationService;
import io.ferry.replication.api.RequestException;
import io.ferry.replication.api.TransferView;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Maps an authenticated API request to a call on the replication service and its JSON answer.
 */
public final class ApiRouter
{
    /**
     * The one path served without a token.
     */
    public static final String HEALTH_PATH = "/healthz";

    private static final String TRANSFERS = "/v1/transfers";
    private static final String TRANSFER_PREFIX = TRANSFERS + "/";

    private final ReplicationService service;
    private final MetricsRenderer metrics;
    private final LongSupplier epochMsClock;

    /**
     * Route requests to a service.
     *
     * @param service      the replication service, non-blocking by contract.
     * @param metrics      renderer of {@code /metrics}.
     * @param epochMsClock current epoch milliseconds, for the uptime.
     */
    public ApiRouter(final ReplicationService service, final MetricsRenderer metrics, final LongSupplier epochMsClock)
    {
        this.service = service;
        this.metrics = metrics;
        this.epochMsClock = epochMsClock;
    }

    /**
     * Answer one request.
     *
     * @param method HTTP method.
     * @param uri    request URI with its query string.
     * @param body   request body.
     * @return the response; errors are JSON responses, never exceptions, except for unexpected failures.
     */
    public ApiResponse route(final HttpMethod method, final String uri, final InputStream body)
    {
        final QueryStringDecoder query = new QueryStringDecoder(uri);
        final String path = query.path();
        try
        {
            return switch (path)
            {
                case HEALTH_PATH -> onlyGet(method, path, () -> ApiResponse.json(
                    HttpResponseStatus.OK, "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8)));
                case "/v1/status" -> onlyGet(method, path, () -> ok(ApiJson.bytes(
                    ApiJson.status(service.status(), epochMsClock.getAsLong()))));
                case "/v1/peers" -> onlyGet(method, path, () -> ok(ApiJson.bytes(ApiJson.peers(service.peers()))));
                case "/v1/datasets" -> onlyGet(method, path, () -> ok(ApiJson.bytes(
                    ApiJson.datasets(service.datasets()))));
                case "/metrics" -> onlyGet(method, path, () -> new ApiResponse(HttpResponseStatus.OK,
                    ApiResponse.METRICS_CONTENT_TYPE, metrics.render().getBytes(StandardCharsets.UTF_8), Map.of()));
                case TRANSFERS -> transfers(method, query, body);
                default -> path.startsWith(TRANSFER_PREFIX) ? transfer(method, path) : notFound(path);
            };
        }
        catch (final RequestException ex)
        {
            return ApiResponse.error(statusOf(ex.code()), ex.code().name(), ex.getMessage());
        }
    }

    /**
     * The HTTP status that answers a refused request.
     *
     * @param code the service's error code.
     * @return the status.
     */
    public static HttpResponseStatus statusOf(final RequestException.Code code)
    {
        return switch (code)
        {
            case BAD_REQUEST -> HttpResponseStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
            case UNKNOWN_DATASET, UNKNOWN_PEER, SOURCE_NOT_FOUND -> HttpResponseStatus.UNPROCESSABLE_ENTITY;
            case CONFLICT -> HttpResponseStatus.CONFLICT;
            case UNAVAILABLE -> HttpResponseStatus.SERVICE_UNAVAILABLE;
        };
    }

    private ApiResponse transfers(final HttpMethod method, final QueryStringDecoder query, final InputStream body)
        throws RequestException
    {
        if (HttpMethod.GET.equals(method))
        {
            final List<TransferView> transfers = service.transfers(includeFinished(query));
            return ok(ApiJson.bytes(ApiJson.transfers(transfers)));
        }
        if (HttpMethod.POST.equals(method))
        {
            final TransferView transfer = service.submit(TransferRequestParser.parse(body));
            return ApiResponse.json(HttpResponseStatus.ACCEPTED, ApiJson.bytes(ApiJson.transfer(transfer)));
        }
        return ApiResponse.methodNotAllowed(method.name(), TRANSFERS, "GET, POST");
    }

    private ApiResponse transfer(final HttpMethod method, final String path) throws RequestException
    {
        final String id = path.substring(TRANSFER_PREFIX.length());
        if (id.isEmpty() || id.indexOf('/') >= 0)
        {
            return notFound(path);
        }
        if (HttpMethod.GET.equals(method))
        {
            final Optional<TransferView> transfer = service.transfer(id);
            if (transfer.isEmpty())
            {
                throw new RequestException(RequestException.Code.NOT_FOUND,
                    "no transfer " + id + " on this hub; list transfers with GET /v1/transfers?all=true");
            }
            return ok(ApiJson.bytes(ApiJson.transfer(transfer.get())));
        }
        if (HttpMethod.DELETE.equals(method))
        {
            return ok(ApiJson.bytes(ApiJson.transfer(service.cancel(id))));
        }
        return ApiResponse.methodNotAllowed(method.name(), path, "GET, DELETE");
    }

    private static boolean includeFinished(final QueryStringDecoder query) throws RequestException
    {
        final List<String> values = query.parameters().get("all");
        if (values == null)
        {
            return false;
        }
        final String value = values.get(values.size() - 1);
        if (value.isEmpty() || "true".equals(value))
        {
            return true;
        }
        if ("false".equals(value))
        {
            return false;
        }
        throw new RequestException(RequestException.Code.BAD_REQUEST,
            "query parameter all is \"" + value + "\"; use all=true or all=false");
    }

    private static ApiResponse onlyGet(
        final HttpMethod method, final String path, final Supplier<ApiResponse> response)
    {
        return HttpMethod.GET.equals(method) ?
            response.get() : ApiResponse.methodNotAllowed(method.name(), path, "GET");
    }

    private static ApiResponse ok(final byte[] json)
    {
        return ApiResponse.json(HttpResponseStatus.OK, json);
    }

    private static ApiResponse notFound(final String path)
    {
        return ApiResponse.error(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", "no API resource at " + path +
            "; the API serves /v1/status, /v1/peers, /v1/datasets, /v1/transfers, /metrics and /healthz");
    }
}
