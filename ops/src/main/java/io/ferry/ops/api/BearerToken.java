package io.ferry.ops.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The API bearer token, checked against {@code Authorization} headers in constant time.
 */
public final class BearerToken
{
    private static final String SCHEME = "Bearer ";

    private final byte[] token;

    /**
     * Hold a copy of the token.
     *
     * @param token token bytes as read from the token file, without surrounding white space.
     * @throws IllegalArgumentException if the token is empty, which would let any caller in.
     */
    public BearerToken(final byte[] token)
    {
        if (token.length == 0)
        {
            throw new IllegalArgumentException("API token is empty; write a random token to the [api] token_file");
        }
        this.token = token.clone();
    }

    /**
     * Whether an {@code Authorization} header value carries this token.
     *
     * @param authorization header value, or null if absent.
     * @return true if the header is {@code Bearer TOKEN} with this token.
     */
    public boolean matches(final String authorization)
    {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length()))
        {
            return false;
        }
        final byte[] presented = authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, presented);
    }
}
