package io.ferry.replication.manifest;

/**
 * A manifest that cannot be accepted; at the protocol level the reason is always {@code BAD_MANIFEST}.
 */
public final class ManifestException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * Create an exception whose message says exactly what is wrong and where.
     *
     * @param message what is wrong, e.g. {@code entry 12 "a/../b": path contains '..'}.
     */
    public ManifestException(final String message)
    {
        super(message);
    }

    static ManifestException ofEntry(final int index, final String path, final String problem)
    {
        return new ManifestException("entry " + index + " " + PathRules.quote(path) + ": " + problem);
    }
}
