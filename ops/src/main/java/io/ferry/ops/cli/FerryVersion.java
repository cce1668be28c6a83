package io.ferry.ops.cli;

import picocli.CommandLine;

/**
 * Reports the ferry version from the jar manifest, or the release this source belongs to.
 */
public final class FerryVersion implements CommandLine.IVersionProvider
{
    private static final String FALLBACK_VERSION = "0.1.0";

    /**
     * The version of this build.
     *
     * @return e.g. {@code 0.1.0}.
     */
    public static String version()
    {
        final String version = FerryVersion.class.getPackage().getImplementationVersion();
        return version == null ? FALLBACK_VERSION : version;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String[] getVersion()
    {
        return new String[]{ "ferry " + version() };
    }
}
