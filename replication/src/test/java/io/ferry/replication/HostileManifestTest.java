package io.ferry.replication;

import io.ferry.codec.Priority;
import io.ferry.codec.RejectDecoder;
import io.ferry.codec.TransferKind;
import io.ferry.replication.manifest.HostileManifests;
import io.ferry.transport.ControlProxy;
import io.ferry.transport.PeerEndpoint;
import io.ferry.transport.PeerLink;
import io.ferry.transport.Transport;
import io.ferry.transport.TransportContext;
import io.ferry.transport.TransportListener;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trusted but hostile peer offers manifests with every forbidden path form over the real, authenticated protocol:
 * each is refused with BAD_MANIFEST, and nothing is written anywhere: the surrounding directory tree is the same
 * before and after, and no escape target exists.
 */
class HostileManifestTest extends HubTestSupport
{
    @Test
    void everyForbiddenPathIsRefusedAndNothingIsWritten() throws Exception
    {
        final long seed = System.nanoTime();
        final String escape = "escape-" + seed;
        final Path absoluteTarget = Path.of("/tmp", escape);
        final Map<String, byte[]> manifests = new LinkedHashMap<>();
        manifests.put("absolute", HostileManifests.withFile(absoluteTarget.toString()));
        manifests.put("dot-dot", HostileManifests.withFile("../" + escape));
        manifests.put("nested dot-dot", HostileManifests.withFile("a/../../" + escape));
        manifests.put("dot", HostileManifests.withFile("a/./" + escape));
        manifests.put("empty component", HostileManifests.withFile("a//" + escape));
        manifests.put("trailing slash", HostileManifests.withFile("a/" + escape + "/"));
        manifests.put("backslash", HostileManifests.withFile("a\\..\\..\\" + escape));
        manifests.put("nul", HostileManifests.withFile("a/" + escape + "\0.txt"));
        manifests.put("control character", HostileManifests.withFile("a/" + escape + "\n"));
        manifests.put("missing parent", HostileManifests.withFile("b/" + escape));
        manifests.put("malformed utf-8", HostileManifests.withRawPath(new byte[] { 'a', '/', (byte)0xC3, (byte)0x28 }));

        final int westPort = freeUdpPort();
        final int evilPort = freeUdpPort();
        west = hub("west", westPort, "evil", evilPort);
        final Map<Long, String> rejects = new TreeMap<>();
        try (Transport evil = evilTransport(evilPort, westPort, rejects))
        {
            final PeerLink link = evil.link("west");
            awaitEvil(evil, link::isUp, "evil link up");
            final Map<String, Long> before = snapshot(tmp);

            long transferId = seed;
            for (final Map.Entry<String, byte[]> manifest : manifests.entrySet())
            {
                final long id = ++transferId;
                offer(link.control(), id, manifest.getValue(), link.endpoint().mtu());
                awaitEvil(evil, () -> rejects.containsKey(id), "reject of the " + manifest.getKey() + " manifest");
                assertTrue(rejects.get(id).startsWith("BAD_MANIFEST"),
                    manifest.getKey() + " manifest answered " + rejects.get(id));
            }

            assertEquals(manifests.size(), rejects.size());
            assertEquals(before, snapshot(tmp), "files appeared or changed around the dataset root");
            assertFalse(Files.exists(absoluteTarget, LinkOption.NOFOLLOW_LINKS), absoluteTarget + " was written");
            assertFalse(Files.exists(tmp.resolve(escape)), tmp.resolve(escape) + " was written");
        }
    }

    private Transport evilTransport(final int port, final int westPort, final Map<Long, String> rejects)
        throws IOException
    {
        final TransportContext ctx = new TransportContext()
            .hubId("evil")
            .aeronDirectoryName(tmp.resolve("evil-aeron").toString())
            .listen("127.0.0.1", port)
            .mtu(8192)
            .identity(identity("evil"))
            .addPeer(new PeerEndpoint("west", "127.0.0.1", westPort, 8192, 1_000_000_000L, 1_000_000L))
            .peerPublicKey("west", identity("west").publicKey())
            .conclude();
        final Transport transport = new Transport(ctx, Throwable::printStackTrace);
        transport.listener(new RejectRecorder(rejects));
        return transport;
    }

    private static void offer(final ControlProxy control, final long id, final byte[] manifest, final int mtu)
        throws Exception
    {
        final byte[] digest = MessageDigest.getInstance("SHA-256").digest(manifest);
        assertTrue(control.offer(id, TransferKind.DATASET, Priority.NORMAL, manifest.length, digest, 10, 1, 8000,
            "ds", "hostile-" + id));
        final int partLength = ControlProxy.maxManifestPartLength(mtu);
        for (int offset = 0; offset < manifest.length; offset += partLength)
        {
            assertTrue(control.manifestPart(id, offset, manifest, Math.min(partLength, manifest.length - offset)));
        }
    }

    private static void awaitEvil(final Transport evil, final java.util.function.BooleanSupplier condition,
        final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out awaiting " + what);
            }
            if (0 == evil.doWork(System.nanoTime()))
            {
                Thread.sleep(1);
            }
        }
    }

    /**
     * Every path under a directory with its size, leaving out Aeron's directories (their files change on their own)
     * and the hubs' data directories (ferry may write there).
     */
    private static Map<String, Long> snapshot(final Path root) throws IOException
    {
        final Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.toList())
            {
                final String name = root.relativize(path).toString();
                if (name.contains("-aeron") || name.contains("-data"))
                {
                    continue;
                }
                files.put(name, Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? Files.size(path) : -1L);
            }
        }
        return files;
    }

    /**
     * Records the reason of every Reject the hostile peer receives; ignores everything else.
     */
    private static final class RejectRecorder implements TransportListener
    {
        private final Map<Long, String> rejects;

        RejectRecorder(final Map<Long, String> rejects)
        {
            this.rejects = rejects;
        }

        public void onReject(final PeerLink link, final RejectDecoder decoder)
        {
            final long id = decoder.transferId();
            final String reason = decoder.reason().name();
            rejects.put(id, reason + ": " + decoder.message());
        }
    }
}
