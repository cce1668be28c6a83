package io.ferry.replication;

import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TransferPriority;
import io.ferry.replication.api.TransferState;
import io.ferry.replication.manifest.Manifest;
import io.ferry.replication.manifest.ManifestBuilder;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deficit round robin on one link: sessions get wire bytes in proportion to the weight of their priority, whether the
 * pacer admits less than a grant per duty cycle or the per-cycle frame cap is what limits; nothing starves, and a
 * finished session leaves the rotation.
 */
class LinkSchedulerTest
{
    private static final int FRAME_BYTES = 8192;

    @TempDir
    Path tmp;

    private Manifest manifest;

    @BeforeEach
    void manifest() throws Exception
    {
        Files.write(tmp.resolve("f.bin"), new byte[128 * 1024]);
        manifest = ManifestBuilder.build(tmp, 65536);
    }

    @Test
    void pacedLinkSplitsByWeightEvenWhenACycleAdmitsLessThanAGrant()
    {
        assertSplit(10, 20_000);
    }

    @Test
    void busyLinkSplitsByWeightUnderThePerCycleFrameCap()
    {
        assertSplit(Integer.MAX_VALUE, 2_000);
    }

    @Test
    void finishedSessionLeavesAndTheOthersShareTheLink()
    {
        final LinkScheduler scheduler = new LinkScheduler(null);
        final TargetSession high = session(TransferPriority.HIGH);
        final TargetSession bulk = session(TransferPriority.BULK);
        scheduler.add(high);
        scheduler.add(bulk);
        final FakeSender sender = new FakeSender(Integer.MAX_VALUE);
        sender.cycle(scheduler);
        high.fail(TransferState.CANCELLED, "CANCELLED", "test");
        final long bulkBefore = sender.frames(bulk);
        final int sent = sender.cycle(scheduler);
        assertEquals(LinkScheduler.FRAMES_PER_LINK_PER_CYCLE, sent);
        assertEquals(bulkBefore + sent, sender.frames(bulk), "the bulk session should get the whole cycle");
        bulk.state(TransferState.VERIFYING);
        assertEquals(0, sender.cycle(scheduler), "a session with nothing to send gets no frames");
        bulk.fail(TransferState.FAILED, "SOURCE_CHANGED", "test");
        sender.cycle(scheduler);
        assertTrue(scheduler.isEmpty());
    }

    private void assertSplit(final int framesAdmittedPerCycle, final int cycles)
    {
        final LinkScheduler scheduler = new LinkScheduler(null);
        final TargetSession high = session(TransferPriority.HIGH);
        final TargetSession normal = session(TransferPriority.NORMAL);
        final TargetSession bulk = session(TransferPriority.BULK);
        scheduler.add(bulk);
        scheduler.add(high);
        scheduler.add(normal);
        final FakeSender sender = new FakeSender(framesAdmittedPerCycle);
        for (int i = 0; i < cycles; i++)
        {
            sender.cycle(scheduler);
        }
        final double perBulk = sender.frames(bulk);
        System.out.printf("link scheduler: %d frames admitted per cycle, frames high %d normal %d bulk %d%n",
            framesAdmittedPerCycle, sender.frames(high), sender.frames(normal), sender.frames(bulk));
        assertTrue(sender.frames(bulk) > 1000, "bulk starved: " + sender.frames(bulk));
        assertEquals(LinkScheduler.WEIGHT_HIGH, sender.frames(high) / perBulk, 0.02 * LinkScheduler.WEIGHT_HIGH);
        assertEquals(LinkScheduler.WEIGHT_NORMAL, sender.frames(normal) / perBulk, 0.02 * LinkScheduler.WEIGHT_NORMAL);
    }

    private TargetSession session(final TransferPriority priority)
    {
        final TargetSession target = new TargetSession("west", null);
        final TransferRecord record = new TransferRecord(TransferIds.next(), "ds", "v", DataKind.DATASET, priority,
            tmp, 0, new TargetSession[]{ target });
        record.manifest(manifest);
        target.state(TransferState.SENDING);
        return target;
    }

    /**
     * Sends fixed-size frames while the session's grant lasts, with a pacer that admits a number of frames per cycle.
     */
    private static final class FakeSender implements LinkScheduler.FrameSender
    {
        private final int admittedPerCycle;
        private final Map<TargetSession, Long> frames = new IdentityHashMap<>();
        private int admitted;
        private boolean refused;

        FakeSender(final int admittedPerCycle)
        {
            this.admittedPerCycle = admittedPerCycle;
        }

        int cycle(final LinkScheduler scheduler)
        {
            admitted = 0;
            return scheduler.doWork(this, 0);
        }

        long frames(final TargetSession target)
        {
            return frames.getOrDefault(target, 0L);
        }

        public int sendFrames(final TargetSession target, final long nowNs, final int maxFrames)
        {
            refused = false;
            int sent = 0;
            while (sent < maxFrames && target.deficitBytes > 0)
            {
                if (admitted == admittedPerCycle)
                {
                    refused = true;
                    break;
                }
                admitted++;
                target.deficitBytes -= FRAME_BYTES;
                sent++;
            }
            frames.merge(target, (long)sent, Long::sum);
            return sent;
        }

        public boolean linkRefused()
        {
            return refused;
        }
    }
}
