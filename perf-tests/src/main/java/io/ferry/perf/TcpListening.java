package io.ferry.perf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Waits until a server a harness started accepts TCP connections.
 */
public final class TcpListening
{
    private static final long POLL_MS = 20;

    private TcpListening()
    {
    }

    /**
     * Connect repeatedly until a connection succeeds, the server exits or the deadline passes.
     *
     * @param what          name of the server, for the message.
     * @param host          address to connect to.
     * @param port          port.
     * @param server        the server's process.
     * @param timeoutMillis how long to try.
     * @throws IOException if the server exits or does not listen in time.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static void await(
        final String what, final String host, final int port, final Process server, final long timeoutMillis)
        throws IOException, InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true)
        {
            try (Socket socket = new Socket())
            {
                socket.connect(new InetSocketAddress(host, port), 200);
                return;
            }
            catch (final IOException ex)
            {
                if (!server.isAlive() || System.nanoTime() > deadlineNs)
                {
                    throw new IOException(what + " did not listen on " + host + ":" + port + " within " +
                        timeoutMillis + " ms" + (server.isAlive() ? "" : " (exited with " + server.exitValue() + ")"),
                        ex);
                }
                Thread.sleep(POLL_MS);
            }
        }
    }
}
