package io.ferry.transport;

import java.util.Arrays;

/**
 * Which frame counters of one key have been accepted: the highest so far and a 1,024-counter sliding window below
 * it, so that frames reordered within the window are accepted once and replays or older frames are not.
 */
final class ReplayWindow
{
    /** Counters below the highest accepted one that are still tracked. */
    static final int WINDOW_LENGTH = 1024;

    private final long[] seen = new long[WINDOW_LENGTH / Long.SIZE];
    private long highest;

    /**
     * Whether a counter may be accepted: positive, not older than the window and not accepted before.
     *
     * @param counter frame counter.
     * @return true if the frame is not a replay.
     */
    boolean isFresh(final long counter)
    {
        if (counter <= 0)
        {
            return false;
        }
        if (counter > highest)
        {
            return true;
        }
        if (highest - counter >= WINDOW_LENGTH)
        {
            return false;
        }
        return (seen[word(counter)] & bit(counter)) == 0;
    }

    /**
     * Record a counter whose frame was authenticated; call only after {@link #isFresh} returned true for it.
     *
     * @param counter frame counter.
     */
    void accept(final long counter)
    {
        if (counter > highest)
        {
            if (counter - highest >= WINDOW_LENGTH)
            {
                Arrays.fill(seen, 0L);
            }
            else
            {
                for (long c = highest + 1; c < counter; c++)
                {
                    seen[word(c)] &= ~bit(c);
                }
            }
            highest = counter;
        }
        seen[word(counter)] |= bit(counter);
    }

    private static int word(final long counter)
    {
        return (int)((counter & (WINDOW_LENGTH - 1)) >>> 6);
    }

    private static long bit(final long counter)
    {
        return 1L << (counter & 63);
    }
}
