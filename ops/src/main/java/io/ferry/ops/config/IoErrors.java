package io.ferry.ops.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Short, human reasons for I/O failures, because the JDK's messages often repeat the path or name only a class.
 */
final class IoErrors
{
    private IoErrors()
    {
    }

    /**
     * Says in a few words why an I/O operation failed, without the path the caller already names.
     *
     * @param ex the failure.
     * @return the reason, such as {@code permission denied} or {@code Not a directory}.
     */
    static String reason(final IOException ex)
    {
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof NoSuchFileException)
        {
            return "no such file or directory";
        }
        if (ex instanceof FileSystemException && null != ((FileSystemException)ex).getReason())
        {
            return ((FileSystemException)ex).getReason();
        }
        if (ex instanceof MalformedInputException)
        {
            return "not UTF-8 text";
        }

        return null != ex.getMessage() ? ex.getMessage() : ex.getClass().getSimpleName();
    }
}
