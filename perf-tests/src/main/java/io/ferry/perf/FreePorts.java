package io.ferry.perf;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;

/**
 * Ports the kernel says are free on loopback right now.
 */
public final class FreePorts
{
    private FreePorts()
    {
    }

    /**
     * A free UDP port.
     *
     * @return port.
     * @throws IOException if no socket can be bound.
     */
    public static int udp() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * A free TCP port.
     *
     * @return port.
     * @throws IOException if no socket can be bound.
     */
    public static int tcp() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
