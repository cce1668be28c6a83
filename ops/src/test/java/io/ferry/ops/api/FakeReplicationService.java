package io.ferry.ops.api;

import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.DatasetView;
import io.ferry.replication.api.HubStatus;
import io.ferry.replication.api.PeerView;
import io.ferry.replication.api.ReplicationService;
import io.ferry.replication.api.RequestException;
import io.ferry.replication.api.TargetView;
import io.ferry.replication.api.TransferPriority;
import io.ferry.replication.api.TransferRequest;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.api.TransferView;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory replication service with fixed peers and datasets, whose submitted transfers advance one state on
 * every {@link #transfer(String)} call, so tests follow a transfer to its end without sleeping.
 */
public final class FakeReplicationService implements ReplicationService
{
    /**
     * Epoch milliseconds the fake hub started, and every transfer was created.
     */
    public static final long STARTED_MS = 1_700_000_000_000L;

    /**
     * Size of every version the fake replicates.
     */
    public static final long VERSION_BYTES = 256L * 1024 * 1024;

    private final Map<String, TransferView> transfers = new LinkedHashMap<>();
    private final Map<String, Deque<TransferView>> scripts = new HashMap<>();
    private TransferState submitEndsIn = TransferState.COMMITTED;
    private RequestException submitFailure;
    private RuntimeException statusFailure;
    private TransferRequest lastRequest;
    private int submitted;

    /**
     * A service holding one active transfer {@code t-active} and one committed transfer {@code t-done}.
     */
    public FakeReplicationService()
    {
        put(view("t-active", "imagenet", "v7", TransferState.SENDING, null, null, VERSION_BYTES / 2,
            List.of(new TargetView("west", TransferState.SENDING, null, VERSION_BYTES / 2))));
        put(view("t-done", "llama-ckpt", "step-1100", TransferState.COMMITTED, null, null, VERSION_BYTES,
            List.of(new TargetView("west", TransferState.COMMITTED, null, VERSION_BYTES))));
    }

    /**
     * Make the next submitted transfers end in a state after three more polls.
     *
     * @param endState COMMITTED, FAILED (west fails with DISK_FULL) or CANCELLED.
     */
    public synchronized void submittedTransfersEndIn(final TransferState endState)
    {
        submitEndsIn = endState;
    }

    /**
     * Make every submit throw.
     *
     * @param failure the refusal, or null to accept again.
     */
    public synchronized void failSubmitWith(final RequestException failure)
    {
        submitFailure = failure;
    }

    /**
     * Make {@link #status()} throw, to stand for a bug in the service.
     *
     * @param failure the exception, or null to answer again.
     */
    public synchronized void failStatusWith(final RuntimeException failure)
    {
        statusFailure = failure;
    }

    /**
     * The last request accepted by {@link #submit(TransferRequest)}.
     *
     * @return the request, or null.
     */
    public synchronized TransferRequest lastRequest()
    {
        return lastRequest;
    }

    @Override
    public synchronized TransferView submit(final TransferRequest request) throws RequestException
    {
        if (submitFailure != null)
        {
            throw submitFailure;
        }
        lastRequest = request;
        final String id = "t-" + String.format("%016x", ++submitted);
        final String version = request.version() == null ? "20260101T000000Z" : request.version();
        final TransferView queued = view(id, request.dataset(), version, TransferState.QUEUED, null, null, 0,
            targets(request.targets(), TransferState.QUEUED, 0));
        put(queued);

        final Deque<TransferView> script = new ArrayDeque<>();
        script.add(view(id, request.dataset(), version, TransferState.SENDING, null, null, VERSION_BYTES / 2,
            targets(request.targets(), TransferState.SENDING, VERSION_BYTES / 2)));
        script.add(view(id, request.dataset(), version, TransferState.VERIFYING, null, null, VERSION_BYTES,
            targets(request.targets(), TransferState.VERIFYING, VERSION_BYTES)));
        script.add(end(id, request, version));
        scripts.put(id, script);
        return queued;
    }

    @Override
    public synchronized List<TransferView> transfers(final boolean includeFinished)
    {
        final List<TransferView> newestFirst = new ArrayList<>();
        for (final TransferView transfer : transfers.values())
        {
            if (includeFinished || !transfer.state().isTerminal())
            {
                newestFirst.add(0, transfer);
            }
        }
        return newestFirst;
    }

    @Override
    public synchronized Optional<TransferView> transfer(final String id)
    {
        final Deque<TransferView> script = scripts.get(id);
        if (script != null && !script.isEmpty())
        {
            put(script.poll());
        }
        return Optional.ofNullable(transfers.get(id));
    }

    @Override
    public synchronized TransferView cancel(final String id) throws RequestException
    {
        final TransferView transfer = transfers.get(id);
        if (transfer == null)
        {
            throw new RequestException(RequestException.Code.NOT_FOUND, "no transfer " + id);
        }
        if (transfer.state().isTerminal())
        {
            throw new RequestException(RequestException.Code.CONFLICT, id + " is already " + transfer.state());
        }
        scripts.remove(id);
        final List<TargetView> targets = new ArrayList<>();
        transfer.targets().forEach(t -> targets.add(new TargetView(t.hub(), TransferState.CANCELLED, null, 0)));
        final TransferView cancelled = view(id, transfer.dataset(), transfer.version(), TransferState.CANCELLED,
            "CANCELLED_BY_USER", "cancelled through the API", transfer.bytesDone(), targets);
        put(cancelled);
        return cancelled;
    }

    @Override
    public synchronized HubStatus status()
    {
        if (statusFailure != null)
        {
            throw statusFailure;
        }
        return new HubStatus("east", "0.1.0", STARTED_MS, 1, 2, transfers(false).size(), 1234, 5678, 4321);
    }

    @Override
    public List<PeerView> peers()
    {
        return List.of(
            new PeerView("west", "198.51.100.7:40100", true, STARTED_MS + 5000, 1000, 2000),
            new PeerView("north", "203.0.113.9:40100", false, 0, 0, 0));
    }

    @Override
    public List<DatasetView> datasets()
    {
        return List.of(
            new DatasetView("llama-ckpt", "/srv/ckpt/llama", "step-1100", List.of("step-1000", "step-1100")));
    }

    private TransferView end(final String id, final TransferRequest request, final String version)
    {
        return switch (submitEndsIn)
        {
            case FAILED -> view(id, request.dataset(), version, TransferState.FAILED, "DISK_FULL",
                "no space left on /data at west", VERSION_BYTES / 2, failedFirst(request.targets()));
            case CANCELLED -> view(id, request.dataset(), version, TransferState.CANCELLED, "CANCELLED_BY_USER",
                null, VERSION_BYTES / 2, targets(request.targets(), TransferState.CANCELLED, 0));
            default -> new TransferView(id, request.dataset(), version, DataKind.CHECKPOINT, TransferPriority.HIGH,
                request.source(), TransferState.COMMITTED, null, null, 500, VERSION_BYTES, VERSION_BYTES,
                64L * 1024 * 1024, STARTED_MS, STARTED_MS + 4200,
                targets(request.targets(), TransferState.COMMITTED, VERSION_BYTES));
        };
    }

    private static List<TargetView> failedFirst(final List<String> hubs)
    {
        final List<TargetView> targets = new ArrayList<>();
        for (int i = 0; i < hubs.size(); i++)
        {
            targets.add(i == 0 ?
                new TargetView(hubs.get(i), TransferState.FAILED, "DISK_FULL", 0) :
                new TargetView(hubs.get(i), TransferState.COMMITTED, null, VERSION_BYTES));
        }
        return targets;
    }

    private static List<TargetView> targets(final List<String> hubs, final TransferState state, final long done)
    {
        final List<TargetView> targets = new ArrayList<>();
        hubs.forEach(hub -> targets.add(new TargetView(hub, state, null, done)));
        return targets;
    }

    private static TransferView view(
        final String id,
        final String dataset,
        final String version,
        final TransferState state,
        final String reason,
        final String message,
        final long bytesDone,
        final List<TargetView> targets)
    {
        return new TransferView(id, dataset, version, DataKind.CHECKPOINT, TransferPriority.HIGH,
            "/srv/ckpt/llama/" + version, state, reason, message, 500, VERSION_BYTES, bytesDone,
            32L * 1024 * 1024, STARTED_MS, STARTED_MS + 1000, targets);
    }

    private void put(final TransferView transfer)
    {
        transfers.put(transfer.id(), transfer);
    }
}
