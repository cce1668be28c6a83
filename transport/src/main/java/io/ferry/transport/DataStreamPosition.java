package io.ferry.transport;

import org.agrona.concurrent.status.CountersReader;

/**
 * Where this hub stands in a peer's data stream: the position consumed by the subscriber, and the highest position
 * the media driver has received (its {@code rcv-hwm} counter), which tells how long a resend must take to arrive.
 */
final class DataStreamPosition
{
    /** Type id of the media driver's receiver high-water-mark counter ({@code rcv-hwm}). */
    static final int RECEIVER_HWM_TYPE_ID = 3;
    /** Offset of the session id in a stream counter's key. */
    static final int SESSION_ID_OFFSET = 8;
    /** Offset of the stream id in a stream counter's key. */
    static final int STREAM_ID_OFFSET = 12;

    private final CountersReader countersReader;
    private int receivedHwmCounterId = CountersReader.NULL_COUNTER_ID;
    private long consumed;

    DataStreamPosition(final CountersReader countersReader)
    {
        this.countersReader = countersReader;
    }

    long consumed()
    {
        return consumed;
    }

    void consumed(final long position)
    {
        consumed = position;
    }

    /**
     * Forget the counter of the previous data session after the peer introduced a new one.
     */
    void reset()
    {
        receivedHwmCounterId = CountersReader.NULL_COUNTER_ID;
    }

    /**
     * Highest received position of the peer's data session.
     *
     * @return position in bytes, or -1 if the driver has no image of the session yet.
     */
    long received(final int dataSessionId)
    {
        if (receivedHwmCounterId == CountersReader.NULL_COUNTER_ID)
        {
            receivedHwmCounterId = findReceiverHwmCounter(dataSessionId);
            if (receivedHwmCounterId == CountersReader.NULL_COUNTER_ID)
            {
                return -1;
            }
        }
        return countersReader.getCounterValue(receivedHwmCounterId);
    }

    private int findReceiverHwmCounter(final int sessionId)
    {
        final int[] found = { CountersReader.NULL_COUNTER_ID };
        countersReader.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId == RECEIVER_HWM_TYPE_ID &&
                keyBuffer.getInt(SESSION_ID_OFFSET) == sessionId &&
                keyBuffer.getInt(STREAM_ID_OFFSET) == TransportContext.DATA_STREAM_ID)
            {
                found[0] = counterId;
            }
        });
        return found[0];
    }
}
