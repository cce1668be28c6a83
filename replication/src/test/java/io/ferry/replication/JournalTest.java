package io.ferry.replication;

import io.ferry.replication.api.TransferState;

import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest
{
    private static final byte[] DIGEST_A = digest(1);
    private static final byte[] DIGEST_B = digest(2);

    @TempDir
    Path dir;

    @Test
    void replaysOutboundAndInboundStateAfterReopen()
    {
        final SetTimeProvider clock = new SetTimeProvider(1_000_000_000_000L);
        try (Journal journal = Journal.open(dir, clock))
        {
            journal.outboundBegun(outbound(11, "west", "north"));
            journal.outboundDigest(11, DIGEST_A);
            journal.outboundTargetEnded(11, "west", TransferState.COMMITTED, null, null);
            journal.outboundBegun(outbound(12, "west"));
            journal.outboundTargetEnded(12, "west", TransferState.FAILED, "DISK_FULL", "no room");
            journal.inboundBegun(new JournalState.Inbound(21, "east", "ds", "v1", DIGEST_B, 100));
            journal.chunkDurable(21, 0);
            journal.chunkDurable(21, 99);
            journal.chunkDurable(21, 100); // out of range: ignored
            journal.inboundBegun(new JournalState.Inbound(22, "east", "ds", "v2", DIGEST_B, 5));
            journal.chunkDurable(22, 1);
            journal.inboundEnded(22);
        }

        try (Journal journal = Journal.open(dir, clock))
        {
            final JournalState state = journal.state();
            final List<JournalState.Outbound> active = state.activeOutbound();
            assertEquals(1, active.size());
            final JournalState.Outbound eleven = active.get(0);
            assertEquals(11, eleven.id);
            assertArrayEquals(DIGEST_A, eleven.digest);
            assertEquals(TransferState.COMMITTED, eleven.states[0]);
            assertEquals(TransferState.QUEUED, eleven.states[1]);
            assertEquals("/src/ds", eleven.source);

            final List<JournalState.Outbound> finished = state.finishedOutbound();
            assertEquals(1, finished.size());
            assertEquals(12, finished.get(0).id);
            assertEquals("DISK_FULL", finished.get(0).reasons[0]);
            assertEquals("no room", finished.get(0).messages[0]);

            final BitSet durable = journal.durableChunks(21);
            assertEquals(2, durable.cardinality());
            assertTrue(durable.get(0) && durable.get(99));
            assertTrue(state.inbound(21).matches("east", DIGEST_B));
            assertFalse(state.inbound(21).matches("north", DIGEST_B));
            assertFalse(state.inbound(21).matches("east", DIGEST_A));
            assertNull(journal.durableChunks(22));
        }
    }

    @Test
    void compactsToSnapshotWhenCycleRollsAndKeepsState()
    {
        final SetTimeProvider clock = new SetTimeProvider(1_000_000_000_000L);
        try (Journal journal = Journal.open(dir, clock))
        {
            journal.inboundBegun(new JournalState.Inbound(31, "east", "ds", "v1", DIGEST_A, 10_000));
            for (int chunk = 0; chunk < 10_000; chunk += 2)
            {
                journal.chunkDurable(31, chunk);
            }
            for (long id = 100; id < 200; id++)
            {
                journal.inboundBegun(new JournalState.Inbound(id, "east", "ds", "x" + id, DIGEST_A, 1));
                journal.chunkDurable(id, 0);
                journal.inboundEnded(id);
            }
            assertFalse(journal.compactIfRolled());
            assertEquals(1, journal.cycleFileCount());

            clock.advanceMillis(TimeUnit.HOURS.toMillis(1));
            journal.chunkDurable(31, 1);
            assertTrue(journal.compactIfRolled());
            assertEquals(1, journal.cycleFileCount(), "older cycle file deleted after the snapshot");
        }

        try (Journal journal = Journal.open(dir, clock))
        {
            final BitSet durable = journal.durableChunks(31);
            assertEquals(5_001, durable.cardinality());
            assertTrue(durable.get(1) && durable.get(9_998) && !durable.get(9_999));
            assertEquals(1, journal.state().inbound().size());
            assertTrue(journal.recordsReplayed() < 10,
                "replay reads the snapshot, not the history: " + journal.recordsReplayed() + " records");
        }
    }

    @Test
    void cycleOfQueueFileNames()
    {
        final long hour = TimeUnit.HOURS.toMillis(1);
        assertEquals(1_000_000_000_000L / hour, Journal.cycleOf("20010909-01F.cq4"));
        assertEquals(-1, Journal.cycleOf("metadata.cq4"));
    }

    private static JournalState.Outbound outbound(final long id, final String... hubs)
    {
        return new JournalState.Outbound(id, 1_700_000_000_000L, 1, 0, "ds", "v" + id, "/src/ds", hubs);
    }

    private static byte[] digest(final int seed)
    {
        final byte[] digest = new byte[32];
        for (int i = 0; i < digest.length; i++)
        {
            digest[i] = (byte)(seed * 31 + i);
        }
        return digest;
    }
}
