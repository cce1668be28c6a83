package io.ferry.ops.daemon;

import io.ferry.transport.PeerLink;
import io.ferry.transport.Transport;
import io.ferry.transport.TransportCounter;
import io.ferry.transport.TransportDrops;

import java.util.function.Consumer;

/**
 * Renders the transport's per-peer counters and drop counts in Prometheus text format for {@code /metrics}.
 */
final class TransportMetrics implements Consumer<StringBuilder>
{
    private final Transport transport;

    TransportMetrics(final Transport transport)
    {
        this.transport = transport;
    }

    public void accept(final StringBuilder out)
    {
        for (final TransportCounter counter : TransportCounter.values())
        {
            out.append("# HELP ").append(counter.metricName()).append(' ').append(counter.description()).append('\n');
            out.append("# TYPE ").append(counter.metricName()).append(" counter\n");
            for (final PeerLink link : transport.links())
            {
                out.append(counter.metricName()).append("{peer=\"").append(link.id()).append("\"} ")
                    .append(link.counter(counter)).append('\n');
            }
        }
        out.append("# HELP ferry_link_rate_bytes_per_second adaptive send rate towards the peer\n");
        out.append("# TYPE ferry_link_rate_bytes_per_second gauge\n");
        for (final PeerLink link : transport.links())
        {
            out.append("ferry_link_rate_bytes_per_second{peer=\"").append(link.id()).append("\"} ")
                .append(link.rateSnapshot()).append('\n');
        }
        out.append("# HELP ferry_link_rtt_seconds smoothed round-trip time to the peer\n");
        out.append("# TYPE ferry_link_rtt_seconds gauge\n");
        for (final PeerLink link : transport.links())
        {
            out.append("ferry_link_rtt_seconds{peer=\"").append(link.id()).append("\"} ")
                .append(link.smoothedRttSnapshot() / 1e9).append('\n');
        }
        final TransportDrops drops = transport.drops();
        out.append("# HELP ferry_inbound_dropped_total inbound messages dropped before decoding, by cause\n");
        out.append("# TYPE ferry_inbound_dropped_total counter\n");
        out.append("ferry_inbound_dropped_total{cause=\"unknown_session\"} ").append(drops.unknownSessionCount()).append('\n');
        out.append("ferry_inbound_dropped_total{cause=\"unknown_peer\"} ").append(drops.unknownPeerCount()).append('\n');
        out.append("ferry_inbound_dropped_total{cause=\"malformed\"} ").append(drops.malformedCount()).append('\n');
        out.append("ferry_inbound_dropped_total{cause=\"wrong_schema\"} ").append(drops.wrongSchemaCount()).append('\n');
        out.append("ferry_inbound_dropped_total{cause=\"not_authorized\"} ").append(drops.notAuthorizedCount())
            .append('\n');
        out.append("ferry_inbound_dropped_total{cause=\"bad_tag\"} ").append(drops.badTagCount()).append('\n');
        out.append("ferry_inbound_dropped_total{cause=\"replayed\"} ").append(drops.replayedCount()).append('\n');
    }
}
