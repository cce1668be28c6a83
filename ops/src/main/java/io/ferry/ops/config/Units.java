package io.ferry.ops.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats the sizes, rates and durations written in ferry's configuration.
 */
public final class Units
{
    private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(\\D*)");
    private static final String SIZE_HINT = "use e.g. 4096, 64k, 4m, 1g";
    private static final String RATE_HINT = "use e.g. 10gbit, 500mbit, 2.5gbit";
    private static final String DURATION_HINT = "use e.g. 40ms, 1.5s, 250us, 100ns, 2m";
    private static final String[] BINARY_UNITS = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    private static final String[] DECIMAL_RATE_UNITS =
        { "bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s", "Pbit/s", "Ebit/s" };
    private static final long UNKNOWN_UNIT = 0L;

    private Units()
    {
    }

    /**
     * Parses a size in bytes such as {@code 4096}, {@code 64k}, {@code 4MiB} or {@code 1g} (binary multiples).
     *
     * @param text the size as written, case-insensitive, with an optional {@code b} or {@code ib} suffix.
     * @return the number of bytes.
     * @throws IllegalArgumentException if the text is not a size or does not fit a long.
     */
    public static long parseBytes(final String text)
    {
        final Matcher matcher = match(text, "size", SIZE_HINT);
        final String unit = matcher.group(2);
        final String prefix;
        if (unit.length() == 3 && unit.endsWith("ib"))
        {
            prefix = unit.substring(0, 1);
        }
        else if (unit.endsWith("b"))
        {
            prefix = unit.substring(0, unit.length() - 1);
        }
        else
        {
            prefix = unit;
        }

        final long multiplier = switch (prefix)
        {
            case "" -> 1L;
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            case "t" -> 1L << 40;
            default -> UNKNOWN_UNIT;
        };

        return scale(text, matcher.group(1), multiplier, "size", SIZE_HINT, "bytes");
    }

    /**
     * Parses a rate in bits per second such as {@code 10gbit}, {@code 500mbit} or {@code 2.5gbit} (decimal multiples).
     *
     * @param text the rate as written, case-insensitive; {@code bps} and a trailing {@code /s} are accepted too.
     * @return the number of bits per second.
     * @throws IllegalArgumentException if the text is not a rate or does not fit a long.
     */
    public static long parseBitsPerSecond(final String text)
    {
        final Matcher matcher = match(text, "rate", RATE_HINT);
        String unit = matcher.group(2);
        if (unit.endsWith("/s"))
        {
            unit = unit.substring(0, unit.length() - 2);
        }
        if (unit.endsWith("bps"))
        {
            unit = unit.substring(0, unit.length() - 3) + "bit";
        }

        final long multiplier = switch (unit)
        {
            case "bit" -> 1L;
            case "kbit" -> 1_000L;
            case "mbit" -> 1_000_000L;
            case "gbit" -> 1_000_000_000L;
            case "tbit" -> 1_000_000_000_000L;
            default -> UNKNOWN_UNIT;
        };

        return scale(text, matcher.group(1), multiplier, "rate", RATE_HINT, "bits per second");
    }

    /**
     * Parses a duration such as {@code 40ms}, {@code 1.5s}, {@code 250us}, {@code 100ns} or {@code 2m}.
     *
     * @param text the duration as written, case-insensitive; {@code µs} and {@code h} are accepted too.
     * @return the duration in nanoseconds.
     * @throws IllegalArgumentException if the text is not a duration or does not fit a long.
     */
    public static long parseDurationNs(final String text)
    {
        final Matcher matcher = match(text, "duration", DURATION_HINT);
        final long multiplier = switch (matcher.group(2))
        {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> UNKNOWN_UNIT;
        };

        return scale(text, matcher.group(1), multiplier, "duration", DURATION_HINT, "nanoseconds");
    }

    /**
     * Formats a byte count with a binary unit and one decimal, such as {@code 1.5 GiB}, or {@code 512 B} below 1 KiB.
     *
     * @param bytes the number of bytes, not negative.
     * @return the text for people to read.
     */
    public static String formatBytes(final long bytes)
    {
        requireNotNegative(bytes, "bytes");
        if (bytes < 1024)
        {
            return bytes + " " + BINARY_UNITS[0];
        }

        final int exponent = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        final double value = bytes / (double)(1L << (10 * exponent));

        return String.format(Locale.ROOT, "%.1f %s", value, BINARY_UNITS[exponent]);
    }

    /**
     * Formats a rate with a decimal unit and one decimal, such as {@code 940.2 Mbit/s}, or {@code 800 bit/s}.
     *
     * @param bitsPerSecond the rate, not negative.
     * @return the text for people to read.
     */
    public static String formatBitsPerSecond(final long bitsPerSecond)
    {
        requireNotNegative(bitsPerSecond, "bitsPerSecond");
        if (bitsPerSecond < 1000)
        {
            return bitsPerSecond + " " + DECIMAL_RATE_UNITS[0];
        }

        double value = bitsPerSecond;
        int exponent = 0;
        while (value >= 1000 && exponent < DECIMAL_RATE_UNITS.length - 1)
        {
            value /= 1000;
            exponent++;
        }

        return String.format(Locale.ROOT, "%.1f %s", value, DECIMAL_RATE_UNITS[exponent]);
    }

    private static Matcher match(final String text, final String what, final String hint)
    {
        Objects.requireNonNull(text, what);
        final Matcher matcher = QUANTITY.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches())
        {
            throw notA(text, what, hint);
        }

        return matcher;
    }

    private static long scale(
        final String text,
        final String number,
        final long multiplier,
        final String what,
        final String hint,
        final String unitName)
    {
        if (UNKNOWN_UNIT == multiplier)
        {
            throw notA(text, what, hint);
        }

        final BigDecimal value = new BigDecimal(number).multiply(BigDecimal.valueOf(multiplier));
        if (value.stripTrailingZeros().scale() > 0)
        {
            throw new IllegalArgumentException(quote(text) + " is not a whole number of " + unitName + " (" + hint + ")");
        }
        if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0)
        {
            throw new IllegalArgumentException(quote(text) + " is too large (at most " + Long.MAX_VALUE + " " +
                unitName + ")");
        }

        return value.longValueExact();
    }

    private static IllegalArgumentException notA(final String text, final String what, final String hint)
    {
        return new IllegalArgumentException(quote(text) + " is not a " + what + " (" + hint + ")");
    }

    private static String quote(final String text)
    {
        return "\"" + text + "\"";
    }

    private static void requireNotNegative(final long value, final String name)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }
}
