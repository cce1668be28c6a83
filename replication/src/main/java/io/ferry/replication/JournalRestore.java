package io.ferry.replication;

import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TransferPriority;
import io.ferry.replication.api.TransferState;
import io.ferry.transport.PeerLink;
import io.ferry.transport.Transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the journal read at start-up back into transfer records, and finds staging that no journaled transfer owns.
 */
final class JournalRestore
{
    /**
     * An outbound transfer brought back, with the manifest digest it was offered under (null if never scanned).
     */
    record Restored(TransferRecord record, byte[] digest, boolean active)
    {
    }

    private final Journal journal;
    private final Transport transport;
    private final EventLog log;

    JournalRestore(final Journal journal, final Transport transport, final EventLog log)
    {
        this.journal = journal;
        this.transport = transport;
        this.log = log;
    }

    /**
     * The journal's form of a new outbound transfer.
     *
     * @param record the transfer as submitted.
     * @return what {@link Journal#outboundBegun} records.
     */
    static JournalState.Outbound outbound(final TransferRecord record)
    {
        final String[] hubs = new String[record.targets.length];
        for (int i = 0; i < hubs.length; i++)
        {
            hubs[i] = record.targets[i].hub;
        }
        return new JournalState.Outbound(record.id, record.createdMs, record.kind.ordinal(), record.priority.ordinal(),
            record.dataset, record.version, record.source.toString(), hubs);
    }

    /**
     * Finished transfers (for the API) then running ones (to resume), oldest first.
     *
     * @return restored records.
     */
    List<Restored> outbound()
    {
        final List<Restored> restored = new ArrayList<>();
        final List<JournalState.Outbound> finished;
        final List<JournalState.Outbound> active;
        synchronized (journal)
        {
            finished = journal.state().finishedOutbound();
            active = journal.state().activeOutbound();
        }
        for (final JournalState.Outbound journaled : finished)
        {
            restored.add(new Restored(record(journaled), journaled.digest, false));
        }
        for (final JournalState.Outbound journaled : active)
        {
            final TransferRecord record = record(journaled);
            restored.add(new Restored(record, journaled.digest, true));
            log.info("transfer " + record.idText + " " + record.dataset + "/" + record.version +
                " resumed from the journal");
        }
        return restored;
    }

    /**
     * Delete staging directories of transfers the journal does not hold: they can never be resumed.
     *
     * @param datasetRoots configured datasets.
     */
    void removeOrphanStaging(final Map<String, Path> datasetRoots)
    {
        final Set<Long> live = new HashSet<>();
        synchronized (journal)
        {
            for (final JournalState.Inbound transfer : journal.state().inbound())
            {
                live.add(transfer.id);
            }
        }
        for (final Path root : datasetRoots.values())
        {
            final DatasetDirectory directory = new DatasetDirectory(root);
            final Path stagingRoot = directory.stagingPath(0).getParent();
            if (!Files.isDirectory(stagingRoot))
            {
                continue;
            }
            try (Stream<Path> children = Files.list(stagingRoot))
            {
                for (final Path child : (Iterable<Path>)children::iterator)
                {
                    final long id = TransferIds.parse(child.getFileName().toString());
                    if (0 != id && !live.contains(id))
                    {
                        new StagingArea(directory, id, null).delete();
                        log.info("removed staging of " + child.getFileName() + " in " + root +
                            ": no journaled transfer resumes it");
                    }
                }
            }
            catch (final IOException ex)
            {
                log.warn("could not clean staging under " + stagingRoot + ": " + ex.getMessage());
            }
        }
    }

    private TransferRecord record(final JournalState.Outbound journaled)
    {
        final TargetSession[] sessions = new TargetSession[journaled.hubs.length];
        for (int i = 0; i < sessions.length; i++)
        {
            final PeerLink link = transport.link(journaled.hubs[i]);
            sessions[i] = new TargetSession(journaled.hubs[i], link);
            final TransferState state = journaled.states[i];
            if (state == TransferState.COMMITTED)
            {
                sessions[i].state(TransferState.COMMITTED);
            }
            else if (state.isTerminal())
            {
                sessions[i].fail(state, journaled.reasons[i], journaled.messages[i]);
            }
            else if (null == link)
            {
                sessions[i].fail(TransferState.FAILED, "UNKNOWN_PEER",
                    "hub '" + journaled.hubs[i] + "' is no longer a configured peer");
            }
        }
        return new TransferRecord(journaled.id, journaled.dataset, journaled.version,
            DataKind.values()[journaled.kind], TransferPriority.values()[journaled.priority], Path.of(journaled.source),
            journaled.createdMs, sessions);
    }
}
