package io.ferry.replication;

import java.io.IOException;

/**
 * Classifies file system errors the JDK reports only through their messages.
 */
final class FileErrors
{
    private FileErrors()
    {
    }

    /**
     * Whether an error is the file system running out of space (ENOSPC) or quota (EDQUOT).
     *
     * @param ex the error.
     * @return true for a full file system.
     */
    static boolean isNoSpace(final IOException ex)
    {
        final String message = ex.getMessage();
        return null != message && (message.contains("No space left on device") || message.contains("Disk quota exceeded"));
    }
}
