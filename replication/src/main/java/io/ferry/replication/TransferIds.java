package io.ferry.replication;

import java.security.SecureRandom;

/**
 * Transfer ids: random 64-bit numbers on the wire, {@code t-} and 16 hex digits in the API.
 */
public final class TransferIds
{
    private static final SecureRandom RANDOM = new SecureRandom();

    private TransferIds()
    {
    }

    /**
     * A fresh, non-zero transfer id.
     *
     * @return id.
     */
    public static long next()
    {
        long id = 0;
        while (id == 0)
        {
            id = RANDOM.nextLong();
        }
        return id;
    }

    /**
     * API form of an id.
     *
     * @param id wire id.
     * @return {@code t-} followed by 16 lower-case hex digits.
     */
    public static String format(final long id)
    {
        final String hex = Long.toHexString(id);
        return "t-" + "0".repeat(16 - hex.length()) + hex;
    }

    /**
     * Wire form of an API id.
     *
     * @param text API id.
     * @return wire id, or 0 if the text is not an id.
     */
    public static long parse(final String text)
    {
        if (null == text || text.length() != 18 || !text.startsWith("t-"))
        {
            return 0;
        }
        try
        {
            return Long.parseUnsignedLong(text.substring(2), 16);
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
    }
}
