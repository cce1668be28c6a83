package io.ferry.ops.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.replication.api.DataKind;
import io.ferry.replication.api.TransferPriority;
import io.ferry.replication.api.TransferRequest;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiJsonShapeTest
{
    private static final List<String> TRANSFER_FIELDS = List.of("id", "dataset", "version", "kind", "priority",
        "source", "state", "reason", "message", "files_total", "bytes_total", "bytes_done", "rate_bps", "created_ms",
        "updated_ms", "targets");

    private final FakeReplicationService service = new FakeReplicationService();
    private final ApiTestChannel api = new ApiTestChannel(service);

    @AfterEach
    void close()
    {
        api.close();
    }

    @Test
    void statusHasEveryFieldInSnakeCase()
    {
        final ApiTestChannel.Reply reply = api.get("/v1/status");

        assertEquals(200, reply.status());
        final JsonNode status = reply.json();
        assertEquals(List.of("hub", "ferry_version", "started_ms", "uptime_ms", "peers_connected", "peers_total",
            "transfers_active", "bytes_sent", "bytes_received"), fieldNames(status));
        assertEquals("east", status.get("hub").asText());
        assertEquals("0.1.0", status.get("ferry_version").asText());
        assertEquals(FakeReplicationService.STARTED_MS, status.get("started_ms").asLong());
        assertEquals(90_000, status.get("uptime_ms").asLong());
        assertEquals(1, status.get("peers_connected").asInt());
        assertEquals(2, status.get("peers_total").asInt());
        assertEquals(1, status.get("transfers_active").asInt());
        assertEquals(1234, status.get("bytes_sent").asLong());
        assertEquals(5678, status.get("bytes_received").asLong());
    }

    @Test
    void peersListsEveryPeer()
    {
        final JsonNode peers = api.get("/v1/peers").json();

        assertEquals(List.of("peers"), fieldNames(peers));
        assertEquals(2, peers.get("peers").size());
        final JsonNode west = peers.get("peers").get(0);
        assertEquals(List.of("id", "endpoint", "connected", "last_heard_ms", "bytes_sent", "bytes_received"),
            fieldNames(west));
        assertEquals("west", west.get("id").asText());
        assertEquals("198.51.100.7:40100", west.get("endpoint").asText());
        assertTrue(west.get("connected").isBoolean() && west.get("connected").booleanValue());
        assertEquals(FakeReplicationService.STARTED_MS + 5000, west.get("last_heard_ms").asLong());
        assertEquals(1000, west.get("bytes_sent").asLong());
        assertEquals(2000, west.get("bytes_received").asLong());
        assertEquals(false, peers.get("peers").get(1).get("connected").booleanValue());
    }

    @Test
    void datasetsListsVersions()
    {
        final JsonNode datasets = api.get("/v1/datasets").json();

        final JsonNode llama = datasets.get("datasets").get(0);
        assertEquals(List.of("name", "root", "current", "versions"), fieldNames(llama));
        assertEquals("llama-ckpt", llama.get("name").asText());
        assertEquals("/srv/ckpt/llama", llama.get("root").asText());
        assertEquals("step-1100", llama.get("current").asText());
        assertEquals("[\"step-1000\",\"step-1100\"]", llama.get("versions").toString());
    }

    @Test
    void transferHasEveryFieldWithLowerCaseKindAndUpperCaseState()
    {
        final ApiTestChannel.Reply reply = api.get("/v1/transfers/t-done");

        assertEquals(200, reply.status());
        final JsonNode transfer = reply.json();
        assertEquals(TRANSFER_FIELDS, fieldNames(transfer));
        assertEquals("t-done", transfer.get("id").asText());
        assertEquals("llama-ckpt", transfer.get("dataset").asText());
        assertEquals("step-1100", transfer.get("version").asText());
        assertEquals("checkpoint", transfer.get("kind").asText());
        assertEquals("high", transfer.get("priority").asText());
        assertEquals("/srv/ckpt/llama/step-1100", transfer.get("source").asText());
        assertEquals("COMMITTED", transfer.get("state").asText());
        assertTrue(transfer.get("reason").isNull());
        assertTrue(transfer.get("message").isNull());
        assertEquals(500, transfer.get("files_total").asLong());
        assertEquals(FakeReplicationService.VERSION_BYTES, transfer.get("bytes_total").asLong());
        assertEquals(FakeReplicationService.VERSION_BYTES, transfer.get("bytes_done").asLong());
        assertEquals(32L * 1024 * 1024, transfer.get("rate_bps").asLong());
        assertEquals(FakeReplicationService.STARTED_MS, transfer.get("created_ms").asLong());
        assertEquals(FakeReplicationService.STARTED_MS + 1000, transfer.get("updated_ms").asLong());
        final JsonNode target = transfer.get("targets").get(0);
        assertEquals(List.of("hub", "state", "reason", "bytes_done"), fieldNames(target));
        assertEquals("west", target.get("hub").asText());
        assertEquals("COMMITTED", target.get("state").asText());
        assertTrue(target.get("reason").isNull());
        assertEquals(FakeReplicationService.VERSION_BYTES, target.get("bytes_done").asLong());
    }

    @Test
    void transfersListsActiveOnlyUnlessAllIsAsked()
    {
        final JsonNode active = api.get("/v1/transfers").json();
        assertEquals(List.of("transfers"), fieldNames(active));
        assertEquals(List.of("t-active"), ids(active));

        assertEquals(List.of("t-done", "t-active"), ids(api.get("/v1/transfers?all=true").json()));
        assertEquals(List.of("t-active"), ids(api.get("/v1/transfers?all=false").json()));

        final ApiTestChannel.Reply bad = api.get("/v1/transfers?all=maybe");
        assertEquals(400, bad.status());
        assertEquals("query parameter all is \"maybe\"; use all=true or all=false",
            bad.json().get("message").asText());
    }

    @Test
    void postQueuesTheRequestAndAnswersAccepted()
    {
        final ApiTestChannel.Reply reply = api.send(HttpMethod.POST, "/v1/transfers", "Bearer " + ApiTestChannel.TOKEN,
            "{\"source\":\"/srv/ckpt/llama/step-1200\",\"dataset\":\"llama-ckpt\",\"version\":\"step-1200\"," +
            "\"targets\":[\"west\",\"north\"],\"kind\":\"checkpoint\",\"priority\":\"high\"}");

        assertEquals(202, reply.status());
        final JsonNode transfer = reply.json();
        assertEquals(TRANSFER_FIELDS, fieldNames(transfer));
        assertEquals("t-0000000000000001", transfer.get("id").asText());
        assertEquals("QUEUED", transfer.get("state").asText());
        assertEquals("step-1200", transfer.get("version").asText());
        assertEquals(2, transfer.get("targets").size());
        assertEquals("north", transfer.get("targets").get(1).get("hub").asText());
        assertEquals(new TransferRequest("/srv/ckpt/llama/step-1200", "llama-ckpt", "step-1200",
            List.of("west", "north"), DataKind.CHECKPOINT, TransferPriority.HIGH), service.lastRequest());
    }

    @Test
    void postLeavesOptionalFieldsNull()
    {
        final ApiTestChannel.Reply reply = api.send(HttpMethod.POST, "/v1/transfers", "Bearer " + ApiTestChannel.TOKEN,
            "{\"source\":\"/data/x\",\"dataset\":\"imagenet\",\"targets\":[\"west\"],\"version\":null}");

        assertEquals(202, reply.status());
        assertEquals(new TransferRequest("/data/x", "imagenet", null, List.of("west"), null, null),
            service.lastRequest());
    }

    private static List<String> fieldNames(final JsonNode node)
    {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> ids(final JsonNode transfers)
    {
        final List<String> ids = new ArrayList<>();
        transfers.get("transfers").forEach(transfer -> ids.add(transfer.get("id").asText()));
        return ids;
    }
}
