package io.ferry.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.BitUtil;

/**
 * Derives Aeron window, term and socket buffer sizes from a link's bandwidth and round-trip time.
 * <p>
 * The receiver window must cover the bandwidth-delay product with headroom: Aeron's effective window measured
 * about 0.75 of {@code rcv-wnd}, and a second BDP lets the window absorb jitter, so window = 2 × BDP / 0.75,
 * rounded up to a power of two. A term must hold at least two windows. The kernel caps socket buffers at
 * {@code net.core.rmem_max}; the window cannot usefully exceed the socket buffer. See docs/tuning.md.
 */
public final class LinkTuning
{
    /** Smallest receiver window ferry uses (Aeron's default). */
    public static final int MIN_WINDOW_LENGTH = 128 * 1024;
    /** Smallest term length Aeron accepts. */
    public static final int MIN_TERM_LENGTH = 64 * 1024;
    /** Largest term length Aeron accepts. */
    public static final int MAX_TERM_LENGTH = 1024 * 1024 * 1024;
    /**
     * Sending time at the link's rate that a publication may hold ahead of what its driver has sent: what a driver
     * that stalled releases at once when it wakes, so it bounds the queue such a burst builds at the bottleneck.
     */
    public static final long PUBLICATION_WINDOW_NS = 10_000_000L;
    /** Socket buffer cap assumed when /proc cannot be read. */
    public static final int DEFAULT_SOCKET_BUFFER_MAX = 4 * 1024 * 1024;

    private LinkTuning()
    {
    }

    /**
     * Bandwidth-delay product of a link in bytes.
     *
     * @param bandwidthBitsPerSecond link rate.
     * @param rttNs                  round-trip time.
     * @return bytes in flight needed to fill the link.
     */
    public static long bandwidthDelayProduct(final long bandwidthBitsPerSecond, final long rttNs)
    {
        return (long)((double)bandwidthBitsPerSecond / 8.0 * ((double)rttNs / 1e9));
    }

    /**
     * Receiver window wanted for a link before any kernel cap.
     *
     * @param bandwidthBitsPerSecond link rate.
     * @param rttNs                  round-trip time.
     * @return window length, a power of two, at least {@link #MIN_WINDOW_LENGTH}.
     */
    public static int wantedWindowLength(final long bandwidthBitsPerSecond, final long rttNs)
    {
        final long wanted = (long)(2.0 * bandwidthDelayProduct(bandwidthBitsPerSecond, rttNs) / 0.75);
        final long clamped = Math.min(Math.max(wanted, MIN_WINDOW_LENGTH), MAX_TERM_LENGTH / 2);
        return BitUtil.findNextPositivePowerOfTwo((int)clamped);
    }

    /**
     * Receiver window actually used: the wanted window capped by the socket buffer the kernel allows.
     *
     * @param wantedWindowLength window wanted for the link.
     * @param socketBufferMax    the kernel's cap on socket receive buffers.
     * @return window length, a power of two.
     */
    public static int windowLength(final int wantedWindowLength, final int socketBufferMax)
    {
        final int cap = Integer.highestOneBit(Math.max(socketBufferMax, MIN_WINDOW_LENGTH));
        return Math.min(wantedWindowLength, cap);
    }

    /**
     * Term length for a window: at least four windows so a window never straddles more than a term rotation.
     *
     * @param windowLength receiver window.
     * @return term length, a power of two between 64 KiB and 1 GiB, at least 16 MiB.
     */
    public static int termLength(final int windowLength)
    {
        final long wanted = Math.max(16L * 1024 * 1024, 4L * windowLength);
        return Math.min(MAX_TERM_LENGTH, BitUtil.findNextPositivePowerOfTwo((int)Math.min(wanted, MAX_TERM_LENGTH)));
    }

    /**
     * Publisher window ({@code pub-wnd}) of a link: {@link #PUBLICATION_WINDOW_NS} at the link's rate, rounded up to a
     * power of two, at least two pacing bursts and two frames, at most the receiver window.
     *
     * @param bandwidthBitsPerSecond link rate.
     * @param windowLength           receiver window of the link.
     * @param mtu                    link MTU.
     * @return bytes.
     */
    public static int publicationWindowLength(final long bandwidthBitsPerSecond, final int windowLength, final int mtu)
    {
        final long bytesPerSecond = Math.max(1, bandwidthBitsPerSecond / 8);
        final long timed = bytesPerSecond / (1_000_000_000L / PUBLICATION_WINDOW_NS);
        final long least = 2 * TokenBucket.defaultBurst(bytesPerSecond, mtu);
        final int wanted = (int)Math.min(windowLength, Math.max(timed, least));
        return Math.max(2 * mtu, Math.min(windowLength, BitUtil.findNextPositivePowerOfTwo(wanted)));
    }

    /**
     * The kernel's {@code net.core.rmem_max}, or {@link #DEFAULT_SOCKET_BUFFER_MAX} when it cannot be read.
     *
     * @return bytes.
     */
    public static int socketReceiveBufferMax()
    {
        return readSysctl(Path.of("/proc/sys/net/core/rmem_max"));
    }

    /**
     * The kernel's {@code net.core.wmem_max}, or {@link #DEFAULT_SOCKET_BUFFER_MAX} when it cannot be read.
     *
     * @return bytes.
     */
    public static int socketSendBufferMax()
    {
        return readSysctl(Path.of("/proc/sys/net/core/wmem_max"));
    }

    private static int readSysctl(final Path path)
    {
        // /proc files report a size of 0, so read them as a stream rather than by their size.
        try (BufferedReader reader = Files.newBufferedReader(path))
        {
            final String line = reader.readLine();
            final long value = Long.parseLong(null == line ? "" : line.trim());
            return (int)Math.min(Integer.MAX_VALUE, value);
        }
        catch (final IOException | NumberFormatException ex)
        {
            return DEFAULT_SOCKET_BUFFER_MAX;
        }
    }
}
