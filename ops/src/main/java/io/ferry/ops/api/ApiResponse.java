package io.ferry.ops.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Map;

/**
 * What the API answers to one request, before it is turned into a Netty response.
 *
 * @param status      HTTP status.
 * @param contentType value of the {@code Content-Type} header.
 * @param body        response body bytes.
 * @param headers     further response headers, e.g. {@code Allow} on a 405.
 */
public record ApiResponse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers)
{
    /**
     * Content type of every JSON body.
     */
    public static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

    /**
     * Content type of the Prometheus text exposition format 0.0.4.
     */
    public static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /**
     * A JSON response.
     *
     * @param status HTTP status.
     * @param json   encoded JSON body.
     * @return the response.
     */
    public static ApiResponse json(final HttpResponseStatus status, final byte[] json)
    {
        return new ApiResponse(status, JSON_CONTENT_TYPE, json, Map.of());
    }

    /**
     * A JSON error response {@code {"error": CODE, "message": TEXT}}.
     *
     * @param status  HTTP status.
     * @param code    stable error code.
     * @param message what happened, to what, and what to do.
     * @return the response.
     */
    public static ApiResponse error(final HttpResponseStatus status, final String code, final String message)
    {
        return json(status, ApiJson.error(code, message));
    }

    /**
     * A 401 JSON error asking for a bearer token.
     *
     * @param method the method that was used.
     * @param path   the path it was used on.
     * @return the response.
     */
    public static ApiResponse unauthorized(final String method, final String path)
    {
        final byte[] body = ApiJson.error("UNAUTHORIZED", "missing or wrong bearer token for " + method + " " +
            path + "; send Authorization: Bearer TOKEN with the token in the [api] token_file of ferryd");
        return new ApiResponse(HttpResponseStatus.UNAUTHORIZED, JSON_CONTENT_TYPE, body,
            Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Bearer realm=\"ferry\""));
    }

    /**
     * A 405 JSON error naming the allowed methods in the {@code Allow} header.
     *
     * @param method the method that was used.
     * @param path   the path it was used on.
     * @param allow  allowed methods, comma separated.
     * @return the response.
     */
    public static ApiResponse methodNotAllowed(final String method, final String path, final String allow)
    {
        final byte[] body = ApiJson.error(
            "METHOD_NOT_ALLOWED", method + " is not supported on " + path + "; use " + allow);
        return new ApiResponse(HttpResponseStatus.METHOD_NOT_ALLOWED, JSON_CONTENT_TYPE, body,
            Map.of(HttpHeaderNames.ALLOW.toString(), allow));
    }
}
