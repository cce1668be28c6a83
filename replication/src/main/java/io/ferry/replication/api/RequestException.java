package io.ferry.replication.api;

/**
 * A request the replication service refuses, with a stable error code for API callers.
 */
public final class RequestException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * Error codes a caller can meet.
     */
    public enum Code
    {
        BAD_REQUEST,
        NOT_FOUND,
        UNKNOWN_DATASET,
        UNKNOWN_PEER,
        SOURCE_NOT_FOUND,
        CONFLICT,
        UNAVAILABLE
    }

    private final Code code;

    /**
     * Create an exception with a code and a message saying what is wrong and what to do.
     *
     * @param code    stable error code.
     * @param message human readable message.
     */
    public RequestException(final Code code, final String message)
    {
        super(message);
        this.code = code;
    }

    /**
     * Stable error code.
     *
     * @return the code.
     */
    public Code code()
    {
        return code;
    }
}
