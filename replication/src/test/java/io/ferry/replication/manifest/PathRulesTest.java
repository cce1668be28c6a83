package io.ferry.replication.manifest;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathRulesTest
{
    @Test
    void ordersDepthFirstWithSiblingsByCodePoint()
    {
        final List<String> expected = List.of(
            "B", "a", "a/b", "a/b/c", "a/z", "a b", "a-b", "a.b", "ab", "b", "é", "\uFFFD", "\uD83D\uDE00");
        final List<String> shuffled = new ArrayList<>(expected);
        Collections.reverse(shuffled);

        shuffled.sort(PathRules::compare);

        assertEquals(expected, shuffled);
    }

    @Test
    void ordersSupplementaryCharactersAfterTheBasicPlaneLikeUtf8Bytes()
    {
        // As UTF-16 code units U+1F600 (D83D DE00) would sort before U+FFFD; as code points and UTF-8 it sorts after.
        assertTrue(PathRules.compare("\uD83D\uDE00", "\uFFFD") > 0);
        assertTrue(PathRules.compare("x/\uFFFD", "x/\uD83D\uDE00") < 0);
        assertEquals(0, PathRules.compare("a/b", "a/b"));
    }

    @Test
    void findsParentsAndAncestors()
    {
        assertNull(PathRules.parentOf("top"));
        assertEquals("a/b", PathRules.parentOf("a/b/c"));
        assertTrue(PathRules.isAncestor("a", "a/b/c"));
        assertTrue(PathRules.isAncestor("a/b", "a/b/c"));
        assertFalse(PathRules.isAncestor("a/b", "a/bc"));
        assertFalse(PathRules.isAncestor("a/b", "a/b"));
        assertFalse(PathRules.isAncestor("a/b/c", "a/b"));
    }

    @Test
    void acceptsOrdinaryPaths()
    {
        for (final String path : new String[]{ "a", "a/b.c", "données/résumé ü.bin", "...", ".hidden", "a/..b" })
        {
            final byte[] bytes = PathRules.encodeStrictly(path);
            assertNull(PathRules.violation(bytes, 0, bytes.length, 4096), path);
        }
    }

    @Test
    void quotesInvisibleAndAmbiguousCharacters()
    {
        assertEquals("\"a\\x00b\\x1f\\x7f\\\"q\\\" c\\\\d\"", PathRules.quote("a\0b\u001f\u007f\"q\" c\\d"));
    }
}
