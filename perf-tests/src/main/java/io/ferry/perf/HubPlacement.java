package io.ferry.perf;

import java.util.List;

/**
 * Where one hub of a run lives: the command its daemon is started under and the addresses it listens on.
 *
 * @param launcher      command put before the daemon's java command, e.g. {@code ip netns exec ferry-a}; empty for
 *                      none.
 * @param transportHost address of the hub's UDP transport, which its peer sends to.
 * @param apiHost       address of the hub's HTTP API, reachable from the harness.
 */
public record HubPlacement(List<String> launcher, String transportHost, String apiHost)
{
    /** A hub on loopback in the harness's own network namespace. */
    public static final HubPlacement LOOPBACK = new HubPlacement(List.of(), "127.0.0.1", "127.0.0.1");

    /**
     * The hub's API base URL for a port.
     *
     * @param apiPort API port.
     * @return e.g. {@code http://127.0.0.1:8080}.
     */
    public String apiUrl(final int apiPort)
    {
        return "http://" + apiHost + ":" + apiPort;
    }

    /**
     * Address a server of this hub (rsync daemon, GridFTP, iperf3) binds, so that both the peer, on the transport
     * address, and the harness, on the API address, reach it.
     *
     * @return the transport address when both are the same, else the wildcard address.
     */
    public String listenHost()
    {
        return transportHost.equals(apiHost) ? transportHost : "0.0.0.0";
    }
}
