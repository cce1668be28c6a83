package io.ferry.perf;

import io.ferry.transport.DataPublisher;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * {@link DataPublisher#send} of one sealed data frame into a peer link's real Aeron UDP publication (embedded driver,
 * SHARED threading, backoff idle, its own directory under /dev/shm), read back over loopback by a peer transport on
 * the same driver after a real handshake, with and without AES-256-GCM. Run with {@code -prof gc}: the send path must
 * allocate nothing of its own; the JDK's AES-GCM allocates per frame (docs/security.md).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SendPathBenchmark
{
    /**
     * One frame into a publication that has room: encode, CRC32C, seal, claim, copy and commit, with the driver's
     * and the sink's catching up done between invocations, outside the timing.
     *
     * @param fixture the transport under test, which waits for room before each invocation.
     * @return the publication position, so the call is not eliminated.
     */
    @Benchmark
    public long sendFrame(final RoomySendPathFixture fixture)
    {
        return fixture.send();
    }

    /**
     * Frames back to back, draining the sink in this thread whenever the publication is back-pressured: the rate at
     * which the driver carries frames over loopback, which bounds the send path in a real transfer.
     *
     * @param fixture the transport under test.
     * @return the publication position, so the call is not eliminated.
     */
    @Benchmark
    public long streamFrames(final SendPathFixture fixture)
    {
        return fixture.send();
    }
}
