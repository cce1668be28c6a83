package io.ferry.replication;

import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TransferRequest;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.api.TransferView;
import io.ferry.transport.HubIdentity;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hub whose key west does not trust can send nothing to west and receive nothing from it; west counts every
 * refused handshake and logs the refusal once.
 */
class UntrustedPeerTest extends HubTestSupport
{
    private static final long OBSERVE_NS = TimeUnit.SECONDS.toNanos(4);

    @Test
    void peerSigningWithAnotherKeyIsRefusedInBothDirections() throws Exception
    {
        assertRefused(HubIdentity.generate().publicKey(), "signature does not verify");
    }

    @Test
    void peerWithoutConfiguredPublicKeyIsRefusedInBothDirections() throws Exception
    {
        assertRefused(null, "no public_key is configured");
    }

    private void assertRefused(final byte[] westTrustsForEast, final String reason) throws Exception
    {
        final Path eastSource = Files.createDirectories(tmp.resolve("east-src"));
        Files.writeString(eastSource.resolve("a.txt"), "from east");
        final Path westSource = Files.createDirectories(tmp.resolve("west-src"));
        Files.writeString(westSource.resolve("b.txt"), "from west");
        final ByteArrayOutputStream westLog = new ByteArrayOutputStream();
        final int eastPort = freeUdpPort();
        final int westPort = freeUdpPort();
        east = hub("east", eastPort, "west", westPort);
        west = hub("west", westPort, "east", eastPort, null, westTrustsForEast, westLog);

        final TransferView toWest = east.submit(new TransferRequest(
            eastSource.toString(), "ds", "v1", List.of("west"), DataKind.DATASET, null));
        final TransferView toEast = west.submit(new TransferRequest(
            westSource.toString(), "ds", "v1", List.of("east"), DataKind.DATASET, null));
        final long deadline = System.nanoTime() + OBSERVE_NS;
        while (System.nanoTime() < deadline)
        {
            assertFalse(east.transport().link("west").isUpSnapshot(), "east must never see west up");
            assertFalse(west.transport().link("east").isUpSnapshot(), "west must never see east up");
            Thread.sleep(20);
        }

        assertNotEquals(TransferState.COMMITTED, east.transfer(toWest.id()).orElseThrow().state());
        assertNotEquals(TransferState.COMMITTED, west.transfer(toEast.id()).orElseThrow().state());
        assertFalse(Files.exists(tmp.resolve("west-root/v1")));
        assertFalse(Files.exists(tmp.resolve("east-root/v1")));

        final long refused = west.transport().drops().notAuthorizedCount();
        assertTrue(refused >= 3, "west refused " + refused + " handshakes");
        assertEquals(0, east.transport().drops().notAuthorizedCount(), "east trusts west's real key");
        final String log = westLog.toString(StandardCharsets.UTF_8);
        final Matcher refusals = Pattern.compile("handshake from hub 'east' refused: [^\\n]*" + reason).matcher(log);
        int lines = 0;
        while (refusals.find())
        {
            lines++;
        }
        assertEquals(1, lines, log);
    }
}
