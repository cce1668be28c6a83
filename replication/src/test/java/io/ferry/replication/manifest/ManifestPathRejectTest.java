package io.ferry.replication.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.ferry.replication.manifest.RawManifestWriter.FILE;
import static io.ferry.replication.manifest.RawManifestWriter.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ManifestPathRejectTest
{
    static Stream<Arguments> forbiddenPaths()
    {
        return Stream.of(
            Arguments.of(utf8("/a/b"), "entry 1 \"/a/b\": path is absolute"),
            Arguments.of(utf8("a/../b"), "entry 1 \"a/../b\": path contains '..'"),
            Arguments.of(utf8(".."), "entry 1 \"..\": path contains '..'"),
            Arguments.of(utf8("a/.."), "entry 1 \"a/..\": path contains '..'"),
            Arguments.of(utf8("a/./b"), "entry 1 \"a/./b\": path contains '.'"),
            Arguments.of(utf8("."), "entry 1 \".\": path contains '.'"),
            Arguments.of(utf8("a//b"), "entry 1 \"a//b\": path has an empty component"),
            Arguments.of(utf8("a/"), "entry 1 \"a/\": path has an empty component"),
            Arguments.of(utf8(""), "entry 1 \"\": path is empty"),
            Arguments.of(utf8("a/b\0c"), "entry 1 \"a/b\\x00c\": path contains NUL"),
            Arguments.of(utf8("a/b\u001fc"), "entry 1 \"a/b\\x1fc\": path contains control character 0x1f"),
            Arguments.of(utf8("a/b\nc"), "entry 1 \"a/b\\x0ac\": path contains control character 0xa"),
            Arguments.of(utf8("a\\b"), "entry 1 \"a\\\\b\": path contains a backslash"),
            Arguments.of(utf8("a/" + "x".repeat(256)),
                "entry 1 \"a/" + "x".repeat(256) + "\": path component is 256 bytes, longer than 255"),
            Arguments.of(bytes('a', '/', 0xC3, 0x28), "entry 1 \"a/\uFFFD(\": path is not valid UTF-8"),
            Arguments.of(bytes('a', '/', 0xC0, 0xAF), "entry 1 \"a/\uFFFD\uFFFD\": path is not valid UTF-8"),
            Arguments.of(bytes('a', '/', 0xED, 0xA0, 0x80), "entry 1 \"a/\uFFFD\": path is not valid UTF-8"),
            Arguments.of(bytes('a', '/', 0xE2, 0x82), "entry 1 \"a/\uFFFD\": path is not valid UTF-8"));
    }

    @ParameterizedTest
    @MethodSource("forbiddenPaths")
    void rejectsForbiddenPath(final byte[] path, final String expectedMessage)
    {
        final byte[] manifest = new RawManifestWriter()
            .directory("a")
            .entry(FILE, 0644, 0, 0, 0, path)
            .bytes();

        assertRejected(manifest, expectedMessage);
    }

    @Test
    void acceptsComponentOfExactly255Bytes() throws ManifestException
    {
        final String name = "é".repeat(127) + "x";
        final byte[] manifest = new RawManifestWriter().directory("a").file("a/" + name, 1).bytes();

        assertEquals("a/" + name, decode(manifest).entry(1).path());
    }

    @Test
    void rejectsDuplicateDirectory()
    {
        assertRejected(new RawManifestWriter().directory("a").directory("a").bytes(),
            "entry 1 \"a\": duplicate path");
    }

    @Test
    void rejectsFileDuplicatingDirectory()
    {
        assertRejected(new RawManifestWriter().directory("a").file("a", 3).bytes(),
            "entry 1 \"a\": duplicate path");
    }

    @Test
    void rejectsUnsortedEntries()
    {
        assertRejected(new RawManifestWriter().file("b", 1).file("a", 1).bytes(),
            "entry 1 \"a\": not sorted: it must come before \"b\"");
    }

    @Test
    void rejectsDirectoryContentsAfterSiblingThatSortsAfterSeparator()
    {
        final byte[] manifest = new RawManifestWriter()
            .directory("a")
            .file("a.b", 1)
            .file("a/x", 1)
            .bytes();

        assertRejected(manifest, "entry 2 \"a/x\": not sorted: it must come before \"a.b\"");
    }

    @Test
    void rejectsMissingParent()
    {
        assertRejected(new RawManifestWriter().file("x/y", 1).bytes(),
            "entry 0 \"x/y\": parent \"x\" is not an earlier directory entry");
    }

    @Test
    void rejectsMissingIntermediateDirectory()
    {
        assertRejected(new RawManifestWriter().directory("a").file("a/b/c", 1).bytes(),
            "entry 1 \"a/b/c\": parent \"a/b\" is not an earlier directory entry");
    }

    @Test
    void rejectsFileAsParent()
    {
        assertRejected(new RawManifestWriter().file("a", 1).file("a/b", 1).bytes(),
            "entry 1 \"a/b\": parent \"a\" is not an earlier directory entry");
    }

    @Test
    void rejectsParentThatIsNotAnAncestorOfThePreviousEntry()
    {
        final byte[] manifest = new RawManifestWriter()
            .directory("a")
            .directory("b")
            .file("b/x", 1)
            .directory("c")
            .bytes();
        final byte[] withStrayChild = new RawManifestWriter()
            .directory("a")
            .file("a/x", 1)
            .directory("b")
            .file("b/x", 1)
            .file("c/x", 1)
            .bytes();

        assertEquals(4, assertDecodes(manifest));
        assertRejected(withStrayChild, "entry 4 \"c/x\": parent \"c\" is not an earlier directory entry");
    }

    @Test
    void rejectsPathLongerThanLimit()
    {
        final byte[] manifest = new RawManifestWriter().file("abcdef", 1).bytes();
        final ManifestLimits limits = new ManifestLimits(10, 100, 5, 10);

        final ManifestException ex =
            assertThrows(ManifestException.class, () -> ManifestCodec.decode(manifest, manifest.length, limits));
        assertEquals("entry 0: path is 6 bytes, longer than the limit of 5", ex.getMessage());
    }

    static void assertRejected(final byte[] manifest, final String expectedMessage)
    {
        final ManifestException ex = assertThrows(ManifestException.class, () -> decode(manifest));
        assertEquals(expectedMessage, ex.getMessage());
    }

    static Manifest decode(final byte[] manifest) throws ManifestException
    {
        return ManifestCodec.decode(manifest, manifest.length, ManifestLimits.defaults());
    }

    private static int assertDecodes(final byte[] manifest)
    {
        try
        {
            return decode(manifest).entryCount();
        }
        catch (final ManifestException ex)
        {
            throw new AssertionError("expected to decode: " + ex.getMessage(), ex);
        }
    }

    private static byte[] bytes(final int... values)
    {
        final byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++)
        {
            bytes[i] = (byte)values[i];
        }
        return bytes;
    }
}
