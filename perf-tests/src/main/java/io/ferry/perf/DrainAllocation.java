package io.ferry.perf;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bytes the benchmark thread allocated while draining the sink (opening every frame there), per iteration, reported by
 * JMH as a rate beside the operations so that {@link JmhReport} can split {@code gc.alloc.rate.norm} into the sink's
 * share and the rest.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class DrainAllocation
{
    /** Bytes allocated while draining in this iteration. */
    public long drainAllocatedBytes;

    /**
     * Start every iteration from zero.
     */
    @Setup(Level.Iteration)
    public void reset()
    {
        drainAllocatedBytes = 0;
    }
}
