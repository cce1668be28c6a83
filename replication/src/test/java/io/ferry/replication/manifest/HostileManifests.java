package io.ferry.replication.manifest;

import java.nio.charset.StandardCharsets;

/**
 * Encoded manifests a hostile peer could send: a directory {@code a} followed by one file whose path breaks a rule.
 */
public final class HostileManifests
{
    private HostileManifests()
    {
    }

    /**
     * A manifest holding directory {@code a} and a 10-byte file at {@code path}, encoded without validation.
     *
     * @param path the offending path.
     * @return manifest bytes.
     */
    public static byte[] withFile(final String path)
    {
        return new RawManifestWriter().directory("a").file(path, 10).bytes();
    }

    /**
     * A manifest whose file path is raw bytes (malformed UTF-8 and the like), encoded without validation.
     *
     * @param path raw path bytes.
     * @return manifest bytes.
     */
    public static byte[] withRawPath(final byte[] path)
    {
        final RawManifestWriter writer = new RawManifestWriter().directory("a");
        return writer.entry(0, 0644, 10, 0, 1, path).bytes();
    }

    /**
     * UTF-8 bytes of a string.
     *
     * @param text the string.
     * @return bytes.
     */
    public static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
