package io.ferry.ops.api;

import io.ferry.replication.api.HubStatus;
import io.ferry.replication.api.PeerView;
import io.ferry.replication.api.ReplicationService;
import io.ferry.replication.api.TransferView;

import java.util.List;
import java.util.function.Consumer;

/**
 * Renders the service's snapshots in the Prometheus text exposition format 0.0.4.
 */
public final class MetricsRenderer
{
    private final ReplicationService service;
    private volatile Consumer<StringBuilder> extraMetrics;

    /**
     * Render metrics of a service.
     *
     * @param service the replication service.
     */
    public MetricsRenderer(final ReplicationService service)
    {
        this.service = service;
    }

    /**
     * Set an appender of further metric lines, e.g. transport counters, called on every scrape after ferry's own.
     *
     * @param extraMetrics appender of complete lines including {@code # HELP} and {@code # TYPE}, or null for none.
     */
    public void extraMetrics(final Consumer<StringBuilder> extraMetrics)
    {
        this.extraMetrics = extraMetrics;
    }

    /**
     * Render one scrape.
     *
     * @return the exposition text.
     */
    public String render()
    {
        final StringBuilder out = new StringBuilder(1024);
        final HubStatus status = service.status();
        final List<PeerView> peers = service.peers();
        final List<TransferView> active = service.transfers(false);

        header(out, "ferry_up", "gauge", "Whether ferryd is up and serving its API.");
        out.append("ferry_up 1\n");

        header(out, "ferry_peer_connected", "gauge", "Whether the peer hub is connected (1) or not (0).");
        for (final PeerView peer : peers)
        {
            sample(out, "ferry_peer_connected", "peer", peer.id(), peer.connected() ? 1 : 0);
        }
        header(out, "ferry_peer_sent_bytes_total", "counter", "Data payload bytes sent to the peer hub.");
        for (final PeerView peer : peers)
        {
            sample(out, "ferry_peer_sent_bytes_total", "peer", peer.id(), peer.bytesSent());
        }
        header(out, "ferry_peer_received_bytes_total", "counter", "Data payload bytes received from the peer hub.");
        for (final PeerView peer : peers)
        {
            sample(out, "ferry_peer_received_bytes_total", "peer", peer.id(), peer.bytesReceived());
        }

        header(out, "ferry_transfers_active", "gauge", "Transfers not yet in a terminal state.");
        out.append("ferry_transfers_active ").append(status.transfersActive()).append('\n');

        header(out, "ferry_transfer_bytes_done", "gauge", "Bytes verified and durable of an active transfer.");
        for (final TransferView transfer : active)
        {
            out.append("ferry_transfer_bytes_done{id=\"");
            escapeLabelValue(out, transfer.id());
            out.append("\",dataset=\"");
            escapeLabelValue(out, transfer.dataset());
            out.append("\"} ").append(transfer.bytesDone()).append('\n');
        }

        header(out, "ferry_sent_bytes_total", "counter", "Data payload bytes sent since ferryd started.");
        out.append("ferry_sent_bytes_total ").append(status.bytesSent()).append('\n');
        header(out, "ferry_received_bytes_total", "counter", "Data payload bytes received since ferryd started.");
        out.append("ferry_received_bytes_total ").append(status.bytesReceived()).append('\n');
        header(out, "ferry_source_read_bytes_total", "counter",
            "Bytes read from source files for outbound transfers since ferryd started; a fan-out reads each chunk once.");
        out.append("ferry_source_read_bytes_total ").append(status.sourceBytesRead()).append('\n');

        final Consumer<StringBuilder> extra = extraMetrics;
        if (extra != null)
        {
            extra.accept(out);
        }
        return out.toString();
    }

    private static void header(final StringBuilder out, final String name, final String type, final String help)
    {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(
        final StringBuilder out, final String name, final String label, final String labelValue, final long value)
    {
        out.append(name).append('{').append(label).append("=\"");
        escapeLabelValue(out, labelValue);
        out.append("\"} ").append(value).append('\n');
    }

    private static void escapeLabelValue(final StringBuilder out, final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }
}
