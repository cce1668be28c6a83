package io.ferry.replication;

/**
 * A fixed-capacity FIFO of (chunk, offset, length) ranges in one int array: no growth, no boxing, no allocation.
 */
final class RangeQueue
{
    private final int[] ranges;
    private final int capacity;
    private int head;
    private int size;

    RangeQueue(final int capacity)
    {
        this.capacity = capacity;
        this.ranges = new int[3 * capacity];
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    boolean isFull()
    {
        return size == capacity;
    }

    int size()
    {
        return size;
    }

    /**
     * Append a range; the caller checks {@link #isFull()} first.
     */
    void add(final int chunkIndex, final int offset, final int length)
    {
        final int slot = 3 * ((head + size) % capacity);
        ranges[slot] = chunkIndex;
        ranges[slot + 1] = offset;
        ranges[slot + 2] = length;
        size++;
    }

    int headChunk()
    {
        return ranges[3 * head];
    }

    int headOffset()
    {
        return ranges[3 * head + 1];
    }

    int headLength()
    {
        return ranges[3 * head + 2];
    }

    void removeHead()
    {
        head = (head + 1) % capacity;
        size--;
    }

    void clear()
    {
        head = 0;
        size = 0;
    }
}
