package io.ferry.replication;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Rules for version labels: each becomes one directory name under a dataset root, so it must be a safe, plain
 * path component.
 */
public final class VersionLabels
{
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");
    private static final DateTimeFormatter DEFAULT_FORMAT = DateTimeFormatter.ofPattern("'v'yyyyMMdd'T'HHmmss'Z'");

    private VersionLabels()
    {
    }

    /**
     * Why a label is unacceptable, or null when it is fine.
     *
     * @param label candidate label.
     * @return problem description or null.
     */
    public static String problem(final String label)
    {
        if (null == label || !LABEL.matcher(label).matches())
        {
            return "version label must be 1-128 characters of letters, digits, '.', '_', '+', '-', " +
                "starting with a letter or digit";
        }
        if (label.equals(DatasetDirectory.CURRENT_LINK))
        {
            return "version label 'current' is reserved for the link to the newest version";
        }
        return null;
    }

    /**
     * Label used when a request names none: the UTC time of submission.
     *
     * @param epochMs submission time.
     * @return label such as {@code v20261130T031542Z}.
     */
    public static String defaultLabel(final long epochMs)
    {
        return DEFAULT_FORMAT.format(ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMs), ZoneOffset.UTC));
    }
}
