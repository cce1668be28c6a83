package io.ferry.replication;

import org.agrona.MutableDirectBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The {@code ferry-storage} agent: verifies chunks against their manifest hashes, fsyncs and journals them as
 * durable, and runs the rarer file tasks (staging preparation, publication, deletion, journal compaction).
 * Verification requests and results cross between the link agent and this agent through primitive ring buffers,
 * so the steady-state receive path allocates nothing.
 */
final class StorageAgent implements Agent
{
    private static final int VERIFY_MESSAGE_TYPE = 1;
    private static final int REQUEST_LENGTH = 12;
    private static final int RESULT_LENGTH = 16;
    private static final int RING_CAPACITY = 1024 * 1024;

    /**
     * Receives verification results on the link agent.
     */
    interface ResultListener
    {
        void onVerified(long transferId, int chunkIndex, boolean ok);
    }

    private final ManyToOneConcurrentArrayQueue<Runnable> tasks = new ManyToOneConcurrentArrayQueue<>(4096);
    private final OneToOneRingBuffer requests = newRing();
    private final OneToOneRingBuffer results = newRing();
    private final Long2ObjectHashMap<StagingArea> stagingById = new Long2ObjectHashMap<>();
    private final LongArrayList verifyBacklogIds = new LongArrayList();
    private final IntArrayList verifyBacklogChunks = new IntArrayList();
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(1024 * 1024);
    private final byte[] hash = new byte[32];
    private final MessageDigest sha256;
    private final Journal journal;
    private final MessageHandler requestHandler = this::onRequest;
    private long nextCompactionCheckMs;
    private ResultListener resultListener;
    private final MessageHandler resultHandler = this::onResult;

    StorageAgent(final Journal journal)
    {
        this.journal = journal;
        try
        {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    boolean offerTask(final Runnable task)
    {
        return tasks.offer(task);
    }

    /**
     * Make a staging area known to verification (storage agent thread, from a task).
     */
    void register(final long transferId, final StagingArea staging)
    {
        stagingById.put(transferId, staging);
    }

    /**
     * Forget a staging area (storage agent thread, from a task).
     */
    void unregister(final long transferId)
    {
        stagingById.remove(transferId);
    }

    /**
     * Ask for a chunk to be verified (link agent thread).
     *
     * @return false if the request ring is full; retry later.
     */
    boolean requestVerify(final long transferId, final int chunkIndex)
    {
        final int index = requests.tryClaim(VERIFY_MESSAGE_TYPE, REQUEST_LENGTH);
        if (index <= 0)
        {
            return false;
        }
        final MutableDirectBuffer buffer = requests.buffer();
        buffer.putLong(index, transferId);
        buffer.putInt(index + 8, chunkIndex);
        requests.commit(index);
        return true;
    }

    /**
     * Ask for a chunk to be verified, keeping the request for {@link #retryVerifyBacklog} if the ring is full (link
     * agent thread).
     */
    void verify(final long transferId, final int chunkIndex)
    {
        if (!verifyBacklogIds.isEmpty() || !requestVerify(transferId, chunkIndex))
        {
            verifyBacklogIds.addLong(transferId);
            verifyBacklogChunks.addInt(chunkIndex);
        }
    }

    /**
     * Pass on verification requests that did not fit the ring, in order (link agent thread).
     *
     * @return requests passed on.
     */
    int retryVerifyBacklog()
    {
        int sent = 0;
        while (sent < verifyBacklogIds.size() &&
            requestVerify(verifyBacklogIds.getLong(sent), verifyBacklogChunks.getInt(sent)))
        {
            sent++;
        }
        if (sent > 0)
        {
            for (int i = sent; i < verifyBacklogIds.size(); i++)
            {
                verifyBacklogIds.setLong(i - sent, verifyBacklogIds.getLong(i));
                verifyBacklogChunks.setInt(i - sent, verifyBacklogChunks.getInt(i));
            }
            for (int i = 0; i < sent; i++)
            {
                verifyBacklogIds.removeAt(verifyBacklogIds.size() - 1);
                verifyBacklogChunks.removeAt(verifyBacklogChunks.size() - 1);
            }
        }
        return sent;
    }

    /**
     * Deliver finished verifications to a listener (link agent thread).
     *
     * @return results delivered.
     */
    int pollResults(final ResultListener listener, final int limit)
    {
        resultListener = listener;
        return results.read(resultHandler, limit);
    }

    public int doWork()
    {
        int work = tasks.drain(Runnable::run, 16);
        work += requests.read(requestHandler, 16);
        final long nowMs = System.currentTimeMillis();
        if (nowMs >= nextCompactionCheckMs)
        {
            nextCompactionCheckMs = nowMs + 1000;
            work += journal.compactIfRolled() ? 1 : 0;
        }
        return work;
    }

    public String roleName()
    {
        return "ferry-storage";
    }

    private void onRequest(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long transferId = buffer.getLong(index);
        final int chunkIndex = buffer.getInt(index + 8);
        final StagingArea staging = stagingById.get(transferId);
        if (null == staging)
        {
            return;
        }
        boolean ok;
        try
        {
            ok = staging.verifyChunk(chunkIndex, scratch, sha256, hash);
        }
        catch (final IOException ex)
        {
            ok = false;
        }
        if (ok)
        {
            journal.chunkDurable(transferId, chunkIndex);
        }
        int claimed;
        while ((claimed = results.tryClaim(VERIFY_MESSAGE_TYPE, RESULT_LENGTH)) <= 0)
        {
            Thread.yield();
        }
        final MutableDirectBuffer out = results.buffer();
        out.putLong(claimed, transferId);
        out.putInt(claimed + 8, chunkIndex);
        out.putInt(claimed + 12, ok ? 1 : 0);
        results.commit(claimed);
    }

    private void onResult(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        resultListener.onVerified(buffer.getLong(index), buffer.getInt(index + 8), buffer.getInt(index + 12) == 1);
    }

    private static OneToOneRingBuffer newRing()
    {
        return new OneToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(RING_CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
    }
}
