package io.ferry.replication;

import java.io.IOException;

/**
 * A source file no longer matches the manifest its version was built from: the version would be torn.
 */
final class SourceChangedException extends IOException
{
    private static final long serialVersionUID = 1L;

    SourceChangedException(final String message)
    {
        super(message);
    }
}
