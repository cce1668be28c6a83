package io.ferry.ops.api;

import io.ferry.replication.api.RequestException;
import io.ferry.replication.api.TransferRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest
{
    private final FakeReplicationService service = new FakeReplicationService();
    private final ApiTestChannel api = new ApiTestChannel(service);

    @AfterEach
    void close()
    {
        api.close();
    }

    @Test
    void metricsAreServedInPrometheusTextFormat()
    {
        final ApiTestChannel.Reply reply = api.get("/metrics");

        assertEquals(200, reply.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", reply.headers().get(HttpHeaderNames.CONTENT_TYPE));
        final List<String> lines = reply.body().lines().toList();
        for (final String expected : List.of(
            "# HELP ferry_up Whether ferryd is up and serving its API.",
            "# TYPE ferry_up gauge",
            "ferry_up 1",
            "# TYPE ferry_peer_connected gauge",
            "ferry_peer_connected{peer=\"west\"} 1",
            "ferry_peer_connected{peer=\"north\"} 0",
            "# TYPE ferry_peer_sent_bytes_total counter",
            "ferry_peer_sent_bytes_total{peer=\"west\"} 1000",
            "ferry_peer_sent_bytes_total{peer=\"north\"} 0",
            "# TYPE ferry_peer_received_bytes_total counter",
            "ferry_peer_received_bytes_total{peer=\"west\"} 2000",
            "# TYPE ferry_transfers_active gauge",
            "ferry_transfers_active 1",
            "# TYPE ferry_transfer_bytes_done gauge",
            "ferry_transfer_bytes_done{id=\"t-active\",dataset=\"imagenet\"} 134217728",
            "# TYPE ferry_sent_bytes_total counter",
            "ferry_sent_bytes_total 1234",
            "# TYPE ferry_received_bytes_total counter",
            "ferry_received_bytes_total 5678",
            "# TYPE ferry_source_read_bytes_total counter",
            "ferry_source_read_bytes_total 4321"))
        {
            assertTrue(lines.contains(expected), "missing line: " + expected + "\n" + reply.body());
        }
        assertTrue(lines.stream().noneMatch(line -> line.contains("t-done")), "finished transfers are not listed");
        assertTrue(reply.body().endsWith("\n"));
    }

    @Test
    void extraMetricsAreAppended()
    {
        api.metrics.extraMetrics(out -> out.append("# TYPE ferry_transport_naks_sent_total counter\n")
            .append("ferry_transport_naks_sent_total 3\n"));

        final String body = api.get("/metrics").body();

        assertTrue(body.endsWith("ferry_source_read_bytes_total 4321\n" +
            "# TYPE ferry_transport_naks_sent_total counter\nferry_transport_naks_sent_total 3\n"), body);
    }

    @Test
    void labelValuesAreEscaped() throws RequestException
    {
        service.submit(new TransferRequest("/x", "odd\"name\\with\nbreak", null, List.of("west"), null, null));

        final String body = api.get("/metrics").body();

        assertTrue(body.contains(
            "ferry_transfer_bytes_done{id=\"t-0000000000000001\",dataset=\"odd\\\"name\\\\with\\nbreak\"} 0\n"), body);
    }
}
