package io.ferry.replication;

import io.ferry.codec.CancelDecoder;
import io.ferry.codec.ChunkAckDecoder;
import io.ferry.codec.CommitDecoder;
import io.ferry.codec.CommittedDecoder;
import io.ferry.codec.ManifestPartDecoder;
import io.ferry.codec.RejectDecoder;
import io.ferry.codec.ResendRequestDecoder;
import io.ferry.codec.TransferAcceptDecoder;
import io.ferry.codec.TransferOfferDecoder;
import io.ferry.transport.PeerLink;
import io.ferry.transport.Transport;
import io.ferry.transport.TransportListener;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import java.nio.ByteBuffer;

/**
 * The hub's duty-cycle agent ({@code ferry-link}): polls the transport, runs the source and target engines,
 * and executes commands handed over by the API and the storage agent.
 */
final class LinkAgent implements Agent, TransportListener
{
    private static final int COMMAND_LIMIT = 64;

    private final Transport transport;
    private final SourceEngine source;
    private final TargetEngine target;
    private final EventLog log;
    private final ManyToOneConcurrentArrayQueue<Runnable> commands;
    private final NanoClock nanoClock = SystemNanoClock.INSTANCE;
    private final EpochClock epochClock = SystemEpochClock.INSTANCE;
    private volatile int activeTransfers;
    private long nowNs;
    private long nowMs;

    LinkAgent(
        final Transport transport,
        final SourceEngine source,
        final TargetEngine target,
        final EventLog log,
        final ManyToOneConcurrentArrayQueue<Runnable> commands)
    {
        this.transport = transport;
        this.source = source;
        this.target = target;
        this.log = log;
        this.commands = commands;
        transport.listener(this);
    }

    public int doWork()
    {
        nowNs = nanoClock.nanoTime();
        nowMs = epochClock.time();
        target.clock(nowNs);
        int work = commands.drain(Runnable::run, COMMAND_LIMIT);
        work += transport.doWork(nowNs);
        work += source.doWork(nowNs, nowMs);
        work += target.doWork(nowNs);
        activeTransfers = source.activeCount() + target.activeCount();
        return work;
    }

    public String roleName()
    {
        return "ferry-link";
    }

    int activeTransfers()
    {
        return activeTransfers;
    }

    public void onPeerUp(final PeerLink link)
    {
        log.info("peer " + link.id() + " up (" + link.endpoint().endpoint() + ")");
    }

    public void onPeerDown(final PeerLink link)
    {
        log.warn("peer " + link.id() + " down (" + link.endpoint().endpoint() + ")");
        source.onPeerDown(link);
        target.onPeerDown(link);
    }

    public void onOffer(final PeerLink link, final TransferOfferDecoder decoder)
    {
        target.onOffer(link, decoder);
    }

    public void onManifestPart(final PeerLink link, final ManifestPartDecoder decoder)
    {
        target.onManifestPart(link, decoder);
    }

    public void onAccept(final PeerLink link, final TransferAcceptDecoder decoder)
    {
        source.onAccept(link, decoder, nowNs, nowMs);
    }

    public void onChunkAck(final PeerLink link, final ChunkAckDecoder decoder)
    {
        source.onChunkAck(link, decoder, nowNs, nowMs);
    }

    public void onResendRequest(final PeerLink link, final ResendRequestDecoder decoder)
    {
        source.onResendRequest(link, decoder, nowNs);
    }

    public void onCommit(final PeerLink link, final CommitDecoder decoder)
    {
        target.onCommit(link, decoder);
    }

    public void onCommitted(final PeerLink link, final CommittedDecoder decoder)
    {
        source.onCommitted(link, decoder.transferId(), nowMs);
    }

    public void onReject(final PeerLink link, final RejectDecoder decoder)
    {
        final long transferId = decoder.transferId();
        source.onReject(link, transferId, decoder.reason(), decoder.message());
    }

    public void onCancel(final PeerLink link, final CancelDecoder decoder)
    {
        target.onCancel(link, decoder);
    }

    public void onData(
        final PeerLink link, final long transferId, final int chunkIndex, final int fileIndex, final long fileOffset,
        final ByteBuffer payload)
    {
        target.onData(link, transferId, chunkIndex, fileIndex, fileOffset, payload);
    }
}
