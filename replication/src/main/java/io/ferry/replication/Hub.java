package io.ferry.replication;

import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.DatasetView;
import io.ferry.replication.api.HubStatus;
import io.ferry.replication.api.PeerView;
import io.ferry.replication.api.ReplicationService;
import io.ferry.replication.api.RequestException;
import io.ferry.replication.api.TransferPriority;
import io.ferry.replication.api.TransferRequest;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.api.TransferView;
import io.ferry.replication.manifest.ManifestBuilder;
import io.ferry.transport.PeerLink;
import io.ferry.transport.Transport;
import io.ferry.transport.TransportContext;
import io.ferry.transport.TransportCounter;

import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A running hub: transport, the link, storage and scan agents, and the {@link ReplicationService} callers use.
 */
public final class Hub implements ReplicationService, AutoCloseable
{
    /** Transfers kept for the API; beyond it the oldest finished ones are forgotten (active ones never are). */
    public static final int MAX_TRANSFERS_KEPT = 1000;

    private final ReplicationContext ctx;
    private final EventLog log;
    private final Transport transport;
    private final ManyToOneConcurrentArrayQueue<Runnable> linkCommands = new ManyToOneConcurrentArrayQueue<>(65536);
    private final Journal journal;
    private final StorageAgent storageAgent;
    private final TaskAgent scanAgent = new TaskAgent("ferry-scan", 1024, 1);
    private final SourceEngine source;
    private final LinkAgent linkAgent;
    private final Map<String, TransferRecord> transfers = new ConcurrentHashMap<>();
    private final AgentRunner linkRunner;
    private final AgentRunner storageRunner;
    private final AgentRunner scanRunner;
    private final long startedMs = System.currentTimeMillis();

    /**
     * Start a hub: the transport and its agents.
     *
     * @param ctx          concluded replication settings.
     * @param transportCtx concluded transport settings.
     * @param log          event log.
     */
    public Hub(final ReplicationContext ctx, final TransportContext transportCtx, final EventLog log)
    {
        this.ctx = ctx;
        this.log = log;
        this.journal = Journal.open(ctx.dataDir().resolve("journal"), null);
        this.storageAgent = new StorageAgent(journal);
        this.transport = new Transport(transportCtx, ex -> log.error("transport", ex));
        this.source = new SourceEngine(ctx, log, this::onRetired);
        final TargetEngine target = new TargetEngine(
            ctx.datasetRoots(), ctx.datasetRetain(), log, storageAgent, journal, this::toLinkAgent);
        this.linkAgent = new LinkAgent(transport, source, target, log, linkCommands);

        linkRunner = new AgentRunner(
            new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1)),
            ex -> log.error("ferry-link", ex), null, linkAgent);
        storageRunner = new AgentRunner(
            new SleepingMillisIdleStrategy(1), ex -> log.error("ferry-storage", ex), null, storageAgent);
        scanRunner = new AgentRunner(
            new SleepingMillisIdleStrategy(5), ex -> log.error("ferry-scan", ex), null, scanAgent);
        restoreFromJournal();
        AgentRunner.startOnThread(linkRunner);
        AgentRunner.startOnThread(storageRunner);
        AgentRunner.startOnThread(scanRunner);
        log.info("hub " + ctx.hubId() + " started: " + transport.links().size() + " peers, " +
            ctx.datasetRoots().size() + " datasets, receiver window " + transport.windowLength() + " bytes");
    }

    /**
     * The transport, for counters and diagnostics.
     *
     * @return transport.
     */
    public Transport transport()
    {
        return transport;
    }

    /**
     * Thread of the link agent, for allocation and profiling measurements.
     *
     * @return the {@code ferry-link} thread.
     */
    public Thread linkThread()
    {
        return linkRunner.thread();
    }

    /**
     * Bytes read from source files by this hub's outbound transfers since it started, re-reads included.
     *
     * @return bytes.
     */
    public long sourceBytesRead()
    {
        return source.sourceBytesRead();
    }

    public TransferView submit(final TransferRequest request) throws RequestException
    {
        if (null == request.source() || request.source().isBlank())
        {
            throw new RequestException(RequestException.Code.BAD_REQUEST, "source is required");
        }
        if (null == request.dataset() || !ctx.datasetRoots().containsKey(request.dataset()))
        {
            throw new RequestException(RequestException.Code.UNKNOWN_DATASET,
                "dataset '" + request.dataset() + "' is not configured on hub " + ctx.hubId() +
                "; configured: " + ctx.datasetRoots().keySet());
        }
        if (null == request.targets() || request.targets().isEmpty())
        {
            throw new RequestException(RequestException.Code.BAD_REQUEST, "targets must name at least one hub");
        }
        final Set<String> seen = new HashSet<>();
        final TargetSession[] sessions = new TargetSession[request.targets().size()];
        for (int i = 0; i < sessions.length; i++)
        {
            final String hub = request.targets().get(i);
            final PeerLink link = transport.link(hub);
            if (null == link)
            {
                throw new RequestException(RequestException.Code.UNKNOWN_PEER,
                    "hub '" + hub + "' is not a configured peer of " + ctx.hubId());
            }
            if (!seen.add(hub))
            {
                throw new RequestException(RequestException.Code.BAD_REQUEST, "target '" + hub + "' listed twice");
            }
            sessions[i] = new TargetSession(hub, link);
        }
        final Path sourcePath = Path.of(request.source());
        if (!sourcePath.isAbsolute() || !Files.isDirectory(sourcePath))
        {
            throw new RequestException(RequestException.Code.SOURCE_NOT_FOUND,
                "source '" + request.source() + "' is not an absolute path to a directory on hub " + ctx.hubId());
        }
        final long nowMs = System.currentTimeMillis();
        final String version = null == request.version() ? VersionLabels.defaultLabel(nowMs) : request.version();
        final String labelProblem = VersionLabels.problem(version);
        if (null != labelProblem)
        {
            throw new RequestException(RequestException.Code.BAD_REQUEST, labelProblem + ": '" + version + "'");
        }
        final DataKind kind = null == request.kind() ? DataKind.DATASET : request.kind();
        final TransferPriority priority = null != request.priority() ? request.priority() :
            kind == DataKind.CHECKPOINT ? TransferPriority.HIGH : TransferPriority.NORMAL;

        final TransferRecord record = new TransferRecord(
            TransferIds.next(), request.dataset(), version, kind, priority, sourcePath, nowMs, sessions);
        if (!scanAgent.offer(() -> scan(record, null)))
        {
            throw new RequestException(RequestException.Code.UNAVAILABLE, "too many transfers waiting to be scanned");
        }
        journal.outboundBegun(JournalRestore.outbound(record));
        transfers.put(record.idText, record);
        pruneFinished();
        log.info("transfer " + record.idText + " queued: " + record.dataset + "/" + version + " from " + sourcePath +
            " to " + request.targets());
        return record.view();
    }

    /**
     * Forget the oldest finished transfers while more than {@link #MAX_TRANSFERS_KEPT} are kept, so the list does not
     * grow until a restart; active transfers are never forgotten.
     */
    private void pruneFinished()
    {
        if (transfers.size() <= MAX_TRANSFERS_KEPT)
        {
            return;
        }
        final List<TransferRecord> finished = new ArrayList<>();
        for (final TransferRecord record : transfers.values())
        {
            if (record.isTerminal())
            {
                finished.add(record);
            }
        }
        finished.sort(Comparator.comparingLong(r -> r.createdMs));
        for (int i = 0, excess = transfers.size() - MAX_TRANSFERS_KEPT; i < excess && i < finished.size(); i++)
        {
            transfers.remove(finished.get(i).idText);
        }
    }

    private void scan(final TransferRecord record, final byte[] journaledDigest)
    {
        try
        {
            final var manifest = ManifestBuilder.build(record.source, ctx.chunkLength(), ctx.hashThreads());
            if (null != journaledDigest && !java.util.Arrays.equals(journaledDigest, manifest.digest()))
            {
                toLinkAgent(() -> failBeforeStart(record, "SOURCE_CHANGED",
                    "the source changed while this hub was down; submit the version again"));
                log.warn("transfer " + record.idText + ": source " + record.source + " changed since it was offered");
                return;
            }
            journal.outboundDigest(record.id, manifest.digest());
            toLinkAgent(() ->
            {
                if (!record.isTerminal())
                {
                    record.manifest(manifest);
                    source.add(record);
                }
            });
        }
        catch (final IOException | RuntimeException ex)
        {
            toLinkAgent(() -> failBeforeStart(record, "SOURCE_UNREADABLE", String.valueOf(ex.getMessage())));
            log.warn("transfer " + record.idText + ": cannot read source " + record.source + ": " + ex.getMessage());
        }
    }

    public List<TransferView> transfers(final boolean includeFinished)
    {
        final List<TransferView> views = new ArrayList<>();
        for (final TransferRecord record : transfers.values())
        {
            final TransferView view = record.view();
            if (includeFinished || !view.state().isTerminal())
            {
                views.add(view);
            }
        }
        views.sort(Comparator.comparingLong(TransferView::createdMs).reversed());
        return views;
    }

    public Optional<TransferView> transfer(final String id)
    {
        final TransferRecord record = transfers.get(id);
        return null == record ? Optional.empty() : Optional.of(record.view());
    }

    public TransferView cancel(final String id) throws RequestException
    {
        final TransferRecord record = transfers.get(id);
        if (null == record)
        {
            throw new RequestException(RequestException.Code.NOT_FOUND, "no transfer " + id + " on hub " + ctx.hubId());
        }
        if (record.overallState().isTerminal())
        {
            throw new RequestException(RequestException.Code.CONFLICT,
                "transfer " + id + " is already " + record.overallState());
        }
        toLinkAgent(() ->
        {
            if (null == record.manifest())
            {
                for (final TargetSession target : record.targets)
                {
                    target.fail(TransferState.CANCELLED, "CANCELLED", "cancelled by request");
                }
                failBeforeStart(record, "CANCELLED", "cancelled by request");
            }
            else
            {
                source.cancel(record, System.currentTimeMillis());
            }
        });
        return record.view();
    }

    public HubStatus status()
    {
        int connected = 0;
        long sent = 0;
        long received = 0;
        for (final PeerLink link : transport.links())
        {
            connected += link.isUpSnapshot() ? 1 : 0;
            sent += link.counter(TransportCounter.BYTES_SENT);
            received += link.counter(TransportCounter.BYTES_RECEIVED);
        }
        return new HubStatus(ctx.hubId(), ctx.ferryVersion(), startedMs, connected, transport.links().size(),
            linkAgent.activeTransfers(), sent, received, source.sourceBytesRead());
    }

    public List<PeerView> peers()
    {
        final List<PeerView> views = new ArrayList<>();
        for (final PeerLink link : transport.links())
        {
            views.add(new PeerView(link.id(), link.endpoint().endpoint(), link.isUpSnapshot(), link.lastHeardEpochMs(),
                link.counter(TransportCounter.BYTES_SENT), link.counter(TransportCounter.BYTES_RECEIVED)));
        }
        return views;
    }

    public List<DatasetView> datasets()
    {
        final List<DatasetView> views = new ArrayList<>();
        for (final Map.Entry<String, Path> entry : ctx.datasetRoots().entrySet())
        {
            final DatasetDirectory directory = new DatasetDirectory(entry.getValue());
            views.add(new DatasetView(
                entry.getKey(), entry.getValue().toString(), directory.current(), directory.versions()));
        }
        return views;
    }

    private void failBeforeStart(final TransferRecord record, final String reason, final String message)
    {
        if (!record.isTerminal())
        {
            record.failBeforeStart(reason, message, System.currentTimeMillis());
        }
        onRetired(record);
    }

    /**
     * Journal the outcome of every target of an outbound transfer that has ended (link agent or scan agent).
     */
    private void onRetired(final TransferRecord record)
    {
        for (final TargetSession target : record.targets)
        {
            journal.outboundTargetEnded(record.id, target.hub, target.state(), target.reason(), target.message());
        }
    }

    /**
     * Bring back what the journal holds: outbound transfers still running are scanned and offered again under their
     * ids (the targets say what they hold), finished ones are listed; staging nobody resumes is removed.
     */
    private void restoreFromJournal()
    {
        final JournalRestore restore = new JournalRestore(journal, transport, log);
        for (final JournalRestore.Restored restored : restore.outbound())
        {
            final TransferRecord record = restored.record();
            transfers.put(record.idText, record);
            if (restored.active())
            {
                if (record.isTerminal())
                {
                    onRetired(record);
                }
                else if (!scanAgent.offer(() -> scan(record, restored.digest())))
                {
                    failBeforeStart(record, "UNAVAILABLE", "too many transfers to resume");
                }
            }
        }
        restore.removeOrphanStaging(ctx.datasetRoots());
    }

    private void toLinkAgent(final Runnable command)
    {
        while (!linkCommands.offer(command))
        {
            Thread.yield();
        }
    }

    /**
     * Stop the agents and close the transport.
     */
    public void close()
    {
        CloseHelper.closeAll(scanRunner, storageRunner, linkRunner);
        transport.close();
        journal.close();
        log.info("hub " + ctx.hubId() + " stopped");
    }
}
