package io.ferry.replication.manifest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Which paths a manifest may hold, and the order entries are kept in.
 * <p>
 * A path is relative, '/'-separated UTF-8 with no empty, {@code .} or {@code ..} component, no control character
 * (below 0x20) and no backslash, so that a target can join it to its staging directory without escaping it.
 * <p>
 * Order: paths are compared component by component, components by Unicode code point (the same as unsigned UTF-8
 * byte order). This is a depth-first walk with siblings sorted by name: a directory comes before everything inside
 * it, and its contents come right after it.
 */
final class PathRules
{
    /** Longest component most file systems accept (NAME_MAX). */
    static final int MAX_COMPONENT_BYTES = 255;

    private static final char SEPARATOR = '/';

    private PathRules()
    {
    }

    /**
     * Check the syntax of a UTF-8 path; strict UTF-8 validity is checked by {@link #decodeStrictly}.
     *
     * @return null when the path is acceptable, else what is wrong with it.
     */
    static String violation(final byte[] utf8, final int offset, final int length, final int maxPathBytes)
    {
        if (0 == length)
        {
            return "path is empty";
        }
        if (length > maxPathBytes)
        {
            return "path is " + length + " bytes, longer than the limit of " + maxPathBytes;
        }
        if (SEPARATOR == utf8[offset])
        {
            return "path is absolute";
        }

        final int end = offset + length;
        int componentStart = offset;
        for (int i = offset; i <= end; i++)
        {
            if (i == end || SEPARATOR == utf8[i])
            {
                final String problem = componentViolation(utf8, componentStart, i - componentStart);
                if (null != problem)
                {
                    return problem;
                }
                componentStart = i + 1;
            }
            else
            {
                final int value = utf8[i] & 0xFF;
                if (0 == value)
                {
                    return "path contains NUL";
                }
                if (value < 0x20)
                {
                    return "path contains control character 0x" + Integer.toHexString(value);
                }
                if ('\\' == value)
                {
                    return "path contains a backslash";
                }
            }
        }

        return null;
    }

    /**
     * Decode UTF-8, refusing malformed input (overlong forms, encoded surrogates, truncated sequences).
     *
     * @return the path, or null when the bytes are not valid UTF-8.
     */
    static String decodeStrictly(final CharsetDecoder utf8, final byte[] bytes, final int offset, final int length)
    {
        try
        {
            return utf8.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        }
        catch (final CharacterCodingException ex)
        {
            return null;
        }
    }

    /**
     * Encode to UTF-8, refusing strings that are not valid Unicode (unpaired surrogates).
     *
     * @return the bytes, or null when the string cannot be encoded faithfully.
     */
    static byte[] encodeStrictly(final String path)
    {
        try
        {
            final ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(path));
            final byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        }
        catch (final CharacterCodingException ex)
        {
            return null;
        }
    }

    /**
     * Compare two paths in manifest order (see the class comment).
     *
     * @return negative, zero or positive as {@code left} sorts before, equal to or after {@code right}.
     */
    static int compare(final String left, final String right)
    {
        final int commonLength = Math.min(left.length(), right.length());
        int i = 0;
        while (i < commonLength)
        {
            final int leftCodePoint = left.codePointAt(i);
            final int rightCodePoint = right.codePointAt(i);
            if (leftCodePoint != rightCodePoint)
            {
                return Integer.compare(rank(leftCodePoint), rank(rightCodePoint));
            }
            i += Character.charCount(leftCodePoint);
        }

        return Integer.compare(left.length(), right.length());
    }

    /**
     * The directory holding {@code path}.
     *
     * @return the parent path, or null for a top-level entry.
     */
    static String parentOf(final String path)
    {
        final int lastSeparator = path.lastIndexOf(SEPARATOR);
        return lastSeparator < 0 ? null : path.substring(0, lastSeparator);
    }

    /**
     * Whether {@code ancestor} is a directory above {@code path}.
     */
    static boolean isAncestor(final String ancestor, final String path)
    {
        return path.length() > ancestor.length() &&
            SEPARATOR == path.charAt(ancestor.length()) &&
            path.startsWith(ancestor);
    }

    /**
     * Quote a path for a message, escaping what a terminal or log would otherwise render invisibly or ambiguously.
     */
    static String quote(final String path)
    {
        final StringBuilder builder = new StringBuilder(path.length() + 2).append('"');
        for (int i = 0; i < path.length(); i++)
        {
            final char c = path.charAt(i);
            if (c < 0x20 || 0x7F == c)
            {
                builder.append(String.format("\\x%02x", (int)c));
            }
            else if ('"' == c || '\\' == c)
            {
                builder.append('\\').append(c);
            }
            else
            {
                builder.append(c);
            }
        }

        return builder.append('"').toString();
    }

    private static String componentViolation(final byte[] utf8, final int offset, final int length)
    {
        if (0 == length)
        {
            return "path has an empty component";
        }
        if (1 == length && '.' == utf8[offset])
        {
            return "path contains '.'";
        }
        if (2 == length && '.' == utf8[offset] && '.' == utf8[offset + 1])
        {
            return "path contains '..'";
        }
        if (length > MAX_COMPONENT_BYTES)
        {
            return "path component is " + length + " bytes, longer than " + MAX_COMPONENT_BYTES;
        }

        return null;
    }

    /** The separator sorts before every other character, so that "a/b" comes before "a-b" and "a.b". */
    private static int rank(final int codePoint)
    {
        return SEPARATOR == codePoint ? -1 : codePoint;
    }
}
