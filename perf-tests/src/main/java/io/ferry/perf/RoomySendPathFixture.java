package io.ferry.perf;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The send-path fixture that, before every invocation and outside its timing, lets the driver and the sink catch up
 * until the publication has room for the next frame, so that the timed call is the send path alone.
 */
@State(Scope.Thread)
public class RoomySendPathFixture extends SendPathFixture
{
    /**
     * Wait for room in the publication.
     */
    @Setup(Level.Invocation)
    public void awaitRoomBeforeSend()
    {
        awaitRoom();
    }
}
